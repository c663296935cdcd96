package dev.extos.io.internal;

import dev.extos.io.FramingException;
import dev.extos.io.ProgramFaultException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** The built-in framers, and the one that runs a framer program. */
final class Framers {
    private Framers() {
    }

    /** '\n'-terminated records; the last one may lack its newline. */
    static final class Lines implements Framer {
        private final Newlines newlines = Newlines.fastest();

        @Override
        public int frame(MemorySegment bytes, long at, long limit, boolean atEof, long fileOffset, Frames out, int max) {
            int n = newlines.find(bytes, at, limit, out.end, max);
            long start = at;
            for (int k = 0; k < n; k++) {
                long newline = out.end[k];
                out.set(k, start, newline - start, newline + 1, true);
                start = newline + 1;
            }
            if (n == 0 && atEof && limit > at) {
                out.set(0, at, limit - at, limit, false);
                return 1;
            }
            return n;
        }
    }

    /** Records of one size. */
    record Fixed(int size) implements Framer {
        @Override
        public int frame(MemorySegment bytes, long at, long limit, boolean atEof, long fileOffset, Frames out, int max) {
            int n = (int) Math.min(max, (limit - at) / size);
            for (int k = 0; k < n; k++) {
                long start = at + (long) k * size;
                out.set(k, start, size, start + size, false);
            }
            return n;
        }
    }

    /** A 2- or 4-byte unsigned length, then the payload. */
    record LengthPrefixed(int width, ByteOrder order) implements Framer {
        @Override
        public int frame(MemorySegment bytes, long at, long limit, boolean atEof, long fileOffset, Frames out, int max) {
            int n = 0;
            long p = at;
            while (n < max && limit - p >= width) {
                long length = width == 2
                        ? bytes.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), p) & 0xffffL
                        : bytes.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), p) & 0xffffffffL;
                if (limit - p - width < length) {
                    break;
                }
                out.set(n++, p + width, length, p + width + length, false);
                p += width + length;
            }
            return n;
        }
    }

    /**
     * Runs an extos/frame program; the whole record (header included) is what the filter sees.
     * One record per step: a framer program may keep state in maps, so it must never run ahead
     * on records the caller then does not consume.
     */
    static final class Program implements Framer {
        private final EmbeddedFilter framer;
        private final ProgramMemory memory;

        Program(EmbeddedFilter framer) {
            this.framer = framer;
            this.memory = new ProgramMemory(framer.hook().programType());
        }

        @Override
        public int frame(MemorySegment bytes, long at, long limit, boolean atEof, long fileOffset, Frames out, int max) {
            if (limit == at) {
                return 0;
            }
            memory.data(bytes);
            long r0;
            try {
                r0 = memory.runFrame(framer, at, limit, fileOffset);
            } catch (dev.extos.isa.ExtosException e) {
                throw new ProgramFaultException("framer " + framer.name() + " faulted at byte " + fileOffset + ": "
                        + e.getMessage(), -1, fileOffset, e);
            }
            if (r0 < 0) {
                throw new FramingException("framer " + framer.name() + " returned " + r0 + " (a framing error) at byte "
                        + fileOffset, fileOffset, false, null);
            }
            if (r0 == 0 || r0 > limit - at) {
                return 0;
            }
            out.set(0, at, r0, at + r0, false);
            return 1;
        }
    }
}
