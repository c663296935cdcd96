package dev.extos.vm.interp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.vm.AddressSpace;
import dev.extos.vm.Executable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One loaded program, many threads, one address space each: no run sees another's state. */
class ConcurrentRunTest {

    @Test
    void runsOnManyThreadsDoNotInterfere() throws Exception {
        // Sums the bytes of its memory through the stack, so shared registers or stacks would show.
        Executable sum = Run.load("""
                mov %r0, 0
                stdw [%r10-8], 0
                loop:
                jge %r0, %r2, done
                mov %r3, %r1
                add %r3, %r0
                ldxb %r4, [%r3+0]
                ldxdw %r5, [%r10-8]
                add %r5, %r4
                stxdw [%r10-8], %r5
                add %r0, 1
                ja loop
                done:
                ldxdw %r0, [%r10-8]
                exit
                """);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    AddressSpace space = new AddressSpace();
                    MemorySegment data = AddressSpace.allocate(1000);
                    long expected = 0;
                    for (int i = 0; i < 1000; i++) {
                        byte b = (byte) (i * 31 + seed);
                        data.set(ValueLayout.JAVA_BYTE, i, b);
                        expected += b & 0xff;
                    }
                    long base = space.map("memory", data, true);
                    for (int round = 0; round < 50; round++) {
                        if (sum.run(space, base, 1000) != expected) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        }
    }
}
