package dev.extos.io.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Finds '\n' with the JDK's Vector API: one compare per vector of bytes gives a bit per byte, and
 * positions come from the bits. Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorNewlines implements Newlines {
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED.length() > 32
            ? ByteVector.SPECIES_256 : ByteVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    static String describe() {
        return "vector (" + SPECIES.vectorBitSize() + "-bit)";
    }

    @Override
    public int find(MemorySegment data, long from, long to, long[] found, int max) {
        int n = 0;
        long i = from;
        for (; to - i >= LANES; i += LANES) {
            // At most 32 lanes, so the mask fits a long.
            long mask = ByteVector.fromMemorySegment(SPECIES, data, i, ByteOrder.LITTLE_ENDIAN).eq((byte) '\n').toLong();
            while (mask != 0) {
                found[n++] = i + Long.numberOfTrailingZeros(mask);
                if (n == max) {
                    return n;
                }
                mask &= mask - 1;
            }
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
}
