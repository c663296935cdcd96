package dev.extos.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.io.internal.EmbeddedDomain;
import dev.extos.vm.Engines;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One loaded filter serves many threads at once, each with its own ExtFile, and both engines agree. */
class ThreadsTest {
    @TempDir
    Path dir;

    @Test
    void threadsSharingAFilterEachGetTheirOwnRecords() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            b.append((char) ('a' + i % 4)).append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("shared.txt"), b);
        try (Domain d = Files2.smallWindows(1 << 14); ExecutorService pool = Executors.newFixedThreadPool(4)) {
            LoadedFilter filter = d.loadAssembly("first-byte", Programs.FIRST_BYTE_MATCHES_ARG, Hook.READ);
            List<Future<byte[]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                byte letter = (byte) ('a' + t);
                results.add(pool.submit(() -> {
                    try (ExtFile f = d.open(file, Framing.lines())) {
                        return Files2.readAll(f, filter, ByteBuffer.wrap(new byte[] {letter}), 4096);
                    }
                }));
            }
            for (int t = 0; t < 4; t++) {
                String got = new String(results.get(t).get());
                char letter = (char) ('a' + t);
                assertThat(got.lines()).hasSize(5000).allMatch(l -> l.charAt(0) == letter);
            }
        }
    }

    @Test
    void theInterpreterAndTheJitDeliverTheSameBytes() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            b.append(i % 3 == 0 ? "a" : "b").append("x".repeat(i % 37)).append('\n');
        }
        Path file = Files.writeString(dir.resolve("engines.txt"), b);
        byte[][] out = new byte[2][];
        int k = 0;
        for (var engine : List.of(Engines.interpreter(), Engines.jit())) {
            try (Domain d = new EmbeddedDomain(engine, 512); ExtFile f = d.open(file, Framing.lines())) {
                LoadedFilter filter = d.loadAssembly("first-byte", Programs.FIRST_BYTE_MATCHES_ARG, Hook.READ);
                out[k++] = Files2.readAll(f, filter, ByteBuffer.wrap(new byte[] {'a'}), 300);
            }
        }
        assertThat(out[0]).isEqualTo(out[1]).isNotEmpty();
    }
}
