package dev.extos.io.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Finds '\n' with plain 64-bit arithmetic, a block at a time: first a flag word for every 8 bytes
 * of the block, in a loop with no branches, then the positions from the flags, which costs a
 * branch per newline rather than per word. Not thread-safe: it keeps its flags.
 */
final class SwarNewlines implements Newlines {
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW_SEVEN = 0x7f7f7f7f7f7f7f7fL;
    private static final int BLOCK_WORDS = 64;

    private final long[] flags = new long[BLOCK_WORDS];

    @Override
    public int find(MemorySegment data, long from, long to, long[] found, int max) {
        long[] f = flags;
        int n = 0;
        long i = from;
        while (to - i >= 8) {
            int words = (int) Math.min(BLOCK_WORDS, (to - i) >>> 3);
            for (int k = 0; k < words; k++) {
                f[k] = newlines(data.get(WORD, i + 8L * k));
            }
            for (int k = 0; k < words; k++) {
                long mask = f[k];
                while (mask != 0) {
                    found[n++] = i + 8L * k + (Long.numberOfTrailingZeros(mask) >>> 3);
                    if (n == max) {
                        return n;
                    }
                    mask &= mask - 1;
                }
            }
            i += 8L * words;
        }
        for (; i < to; i++) {
            if (data.get(ValueLayout.JAVA_BYTE, i) == '\n') {
                found[n++] = i;
                if (n == max) {
                    return n;
                }
            }
        }
        return n;
    }

    /**
     * The high bit of every byte of {@code word} that is '\n', and no other bit: the byte XOR '\n'
     * is zero exactly there, and adding 0x7f to its low seven bits cannot carry into the next byte,
     * so unlike the shorter borrow trick no flag is ever false.
     */
    private static long newlines(long word) {
        long x = word ^ NEWLINES;
        return ~(((x & LOW_SEVEN) + LOW_SEVEN) | x | LOW_SEVEN);
    }
}
