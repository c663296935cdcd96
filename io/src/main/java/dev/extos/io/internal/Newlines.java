package dev.extos.io.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Finds '\n' in mapped bytes eight at a time. */
final class Newlines {
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Newlines() {
    }

    /** The offset of the first '\n' in [from, to), or -1. */
    static long next(MemorySegment data, long from, long to) {
        long i = from;
        // Two words per step: one test of both keeps the loop's branch count at one per 16 bytes.
        for (; i + 16 <= to; i += 16) {
            long a = newlines(data.get(WORD, i));
            long b = newlines(data.get(WORD, i + 8));
            if ((a | b) != 0) {
                return a != 0 ? i + (Long.numberOfTrailingZeros(a) >>> 3) : i + 8 + (Long.numberOfTrailingZeros(b) >>> 3);
            }
        }
        for (; i + 8 <= to; i += 8) {
            long a = newlines(data.get(WORD, i));
            if (a != 0) {
                return i + (Long.numberOfTrailingZeros(a) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (data.get(ValueLayout.JAVA_BYTE, i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The "has a zero byte" test on the word XOR '\n' in every byte: the high bit of each byte
     * that was '\n' is set, and the lowest flagged byte is exact, which in little-endian order
     * is the first one.
     */
    private static long newlines(long word) {
        long x = word ^ NEWLINES;
        return (x - LOW_BITS) & ~x & HIGH_BITS;
    }
}
