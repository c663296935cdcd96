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
        for (; i + 8 <= to; i += 8) {
            // "Has a zero byte" on the word XOR '\n': the lowest flagged byte is exact, and in
            // little-endian order the lowest byte is the first one.
            long x = data.get(WORD, i) ^ NEWLINES;
            long found = (x - LOW_BITS) & ~x & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (data.get(ValueLayout.JAVA_BYTE, i) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
