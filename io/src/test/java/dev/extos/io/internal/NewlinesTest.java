package dev.extos.io.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each newline search finds exactly what a byte loop finds, at every alignment, length and limit. */
class NewlinesTest {
    private static List<Long> naive(byte[] b, int from, int to, int max) {
        List<Long> found = new ArrayList<>();
        for (int i = from; i < to && found.size() < max; i++) {
            if (b[i] == '\n') {
                found.add((long) i);
            }
        }
        return found;
    }

    @Test
    void swarAgreesWithAByteLoop() {
        agreesWithAByteLoop(new SwarNewlines());
    }

    @Test
    void vectorAgreesWithAByteLoop() {
        assumeTrue(Newlines.VECTOR, "the JVM has no jdk.incubator.vector (the build's test JVMs add it)");
        agreesWithAByteLoop(Newlines.fastest());
        assertThat(Newlines.description()).startsWith("vector");
    }

    private static void agreesWithAByteLoop(Newlines search) {
        Random random = new Random(Long.getLong("extos.io.seed", 11));
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + random.nextInt(random.nextBoolean() ? 64 : 1200)];
            for (int i = 0; i < b.length; i++) {
                // Mostly bytes near '\n' and 0x80+, where a sloppy zero-byte test goes wrong.
                b[i] = switch (random.nextInt(6)) {
                    case 0 -> '\n';
                    case 1 -> (byte) 0x0b;
                    case 2 -> (byte) 0x8a;
                    case 3 -> (byte) 0x09;
                    default -> (byte) random.nextInt(256);
                };
                if (b[i] == '\n' && random.nextInt(3) > 0) {
                    b[i] = 'x';
                }
            }
            int from = random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);

            int max = 1 + random.nextInt(random.nextBoolean() ? 12 : 400);
            long[] found = new long[max];

            int n = search.find(MemorySegment.ofArray(b), from, to, found, max);

            assertThat(Arrays.stream(found, 0, n).boxed().toList()).isEqualTo(naive(b, from, to, max));
        }
    }
}
