package dev.extos.io.internal;

import dev.extos.io.Framing;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** How a kept record is delivered: framed as in the file, with its newline or a prefix giving the kept length. */
record Output(int prefix, ByteOrder order, boolean newline) {
    static Output of(Framing framing) {
        return switch (framing) {
            case Framing.Lines l -> new Output(0, ByteOrder.LITTLE_ENDIAN, true);
            case Framing.LengthPrefixed p -> new Output(p.width(), p.order(), false);
            case Framing.Fixed f -> new Output(0, ByteOrder.LITTLE_ENDIAN, false);
            case Framing.Program p -> new Output(0, ByteOrder.LITTLE_ENDIAN, false);
        };
    }

    /** Bytes the delivered record takes. */
    long size(long kept, boolean delimited) {
        return prefix + kept + (newline && delimited ? 1 : 0);
    }

    /** Writes the delivered record at {@code at} in {@code dst}; returns its size. */
    long write(MemorySegment dst, long at, MemorySegment src, long from, long kept, boolean delimited) {
        long p = at;
        if (prefix == 2) {
            dst.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), p, (short) kept);
        } else if (prefix == 4) {
            dst.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), p, (int) kept);
        }
        p += prefix;
        MemorySegment.copy(src, from, dst, p, kept);
        p += kept;
        if (newline && delimited) {
            dst.set(ValueLayout.JAVA_BYTE, p++, (byte) '\n');
        }
        return p - at;
    }
}
