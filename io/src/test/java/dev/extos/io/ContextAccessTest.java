package dev.extos.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 32-bit pointer fields of struct extos_record_md give the program 64-bit addresses however
 * it reaches them: through r1, a moved copy, a stack spill or a function's argument.
 */
class ContextAccessTest {
    @TempDir
    Path dir;

    private String run(String program) throws IOException {
        Path file = Files.writeString(dir.resolve("c.txt"), "a1\nb2\nab\n");
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines())) {
            LoadedFilter filter = d.loadAssembly("ctx", program, Hook.READ);
            return new String(Files2.readAll(f, filter, null, 64));
        }
    }

    @Test
    void throughAPointerMovedIntoTheContext() throws IOException {
        // r2 = ctx + 4, so [r2-4] is data and [r2+0] is data_end. Keeps records whose second byte is 'b'.
        assertThat(run("""
                mov %r2, %r1
                add %r2, 4
                ldxw %r3, [%r2-4]
                ldxw %r4, [%r2+0]
                mov %r0, 0
                mov %r5, %r3
                add %r5, 2
                jgt %r5, %r4, out
                ldxb %r5, [%r3+1]
                jne %r5, 0x62, out
                mov32 %r0, -1
                out: exit
                """)).isEqualTo("ab\n");
    }

    @Test
    void throughAFunctionArgument() throws IOException {
        // The local function gets the context in r1 and returns the record's second byte (0 if none).
        assertThat(run("""
                call local second
                mov %r1, 0
                jne %r0, 0x32, drop
                mov32 %r0, -1
                exit
                drop: mov %r0, 0
                exit
                second: ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+4]
                mov %r0, 0
                mov %r4, %r2
                add %r4, 2
                jgt %r4, %r3, short
                ldxb %r0, [%r2+1]
                short: exit
                """)).isEqualTo("b2\n");
    }

    @Test
    void theOffsetFieldIsTheRecordsPlaceInTheFile() throws IOException {
        // Keeps the record at byte 3.
        assertThat(run("""
                ldxdw %r2, [%r1+16]
                mov %r0, 0
                jne %r2, 3, out
                mov32 %r0, -1
                out: exit
                """)).isEqualTo("b2\n");
    }
}
