package dev.extos.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.io.internal.EmbeddedDomain;
import dev.extos.vm.Engines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A filter that faults at run time ends that call with a typed error naming the record; the domain goes on. */
class FaultTest {
    @TempDir
    Path dir;

    @Test
    void aFaultEndsTheCallAtTheRecordAndTheNextCallCanGoOn() throws IOException {
        // The interpreter with a budget of 3 backward jumps: the loop faults on any record longer than 3 bytes.
        Path file = Files.writeString(dir.resolve("f.txt"), "ab\nabcdef\nxy\n");
        try (Domain d = new EmbeddedDomain(Engines.interpreter(3), 1 << 20); ExtFile f = d.open(file, Framing.lines())) {
            LoadedFilter loops = d.loadAssembly("loops", Programs.LOOPS, Hook.READ);
            ByteBuffer dst = ByteBuffer.allocate(64);

            assertThatThrownBy(() -> f.read(dst, loops, null))
                    .isInstanceOfSatisfying(ProgramFaultException.class, e -> {
                        assertThat(e.recordIndex()).isEqualTo(1);
                        assertThat(e.offset()).isEqualTo(3);
                    })
                    .hasMessageStartingWith("loops faulted on record 1 at byte 3 of " + file + ": insn ");
            assertThat(dst.position()).isEqualTo(3);  // "ab\n" was kept (its byte sum is not 0) before the fault
            assertThat(f.position()).isEqualTo(3);

            LoadedFilter keep = d.loadAssembly("keep", Programs.KEEP_ALL, Hook.READ);
            dst.clear();
            f.read(dst, keep, null);
            assertThat(new String(dst.array(), 0, dst.position())).isEqualTo("abcdef\nxy\n");
        }
    }
}
