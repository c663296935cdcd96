package dev.extos.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time newline search finds exactly what a byte loop finds, at every alignment and length. */
class NewlinesTest {
    private static long naive(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Test
    void agreesWithAByteLoop() {
        Random random = new Random(Long.getLong("extos.io.seed", 11));
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + random.nextInt(64)];
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

            assertThat(Newlines.next(MemorySegment.ofArray(b), from, to)).isEqualTo(naive(b, from, to));
        }
    }
}
