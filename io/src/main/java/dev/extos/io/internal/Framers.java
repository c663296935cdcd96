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
        @Override
        public long frame(MemorySegment bytes, long at, long limit, boolean atEof, long fileOffset, Frame out) {
            long nl = Newlines.next(bytes, at, limit);
            if (nl >= 0) {
                out.payload = at;
                out.length = nl - at;
                out.delimited = true;
                return nl - at + 1;
            }
            if (atEof && limit > at) {
                out.payload = at;
                out.length = limit - at;
                out.delimited = false;
                return limit - at;
            }
            return 0;
        }
    }

    /** Records of one size. */
    record Fixed(int size) implements Framer {
        @Override
        public long frame(MemorySegment bytes, long at, long limit, boolean atEof, long fileOffset, Frame out) {
            if (limit - at < size) {
                return 0;
            }
            out.payload = at;
            out.length = size;
            out.delimited = false;
            return size;
        }
    }

    /** A 2- or 4-byte unsigned length, then the payload. */
    record LengthPrefixed(int width, ByteOrder order) implements Framer {
        @Override
        public long frame(MemorySegment bytes, long at, long limit, boolean atEof, long fileOffset, Frame out) {
            if (limit - at < width) {
                return 0;
            }
            long length = width == 2
                    ? bytes.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), at) & 0xffffL
                    : bytes.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), at) & 0xffffffffL;
            if (limit - at - width < length) {
                return 0;
            }
            out.payload = at + width;
            out.length = length;
            out.delimited = false;
            return width + length;
        }
    }

    /** Runs an extos/frame program; the whole record (header included) is what the filter sees. */
    static final class Program implements Framer {
        private final EmbeddedFilter framer;
        private final ProgramMemory memory;

        Program(EmbeddedFilter framer) {
            this.framer = framer;
            this.memory = new ProgramMemory(framer.hook().programType());
        }

        @Override
        public long frame(MemorySegment bytes, long at, long limit, boolean atEof, long fileOffset, Frame out) {
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
            out.payload = at;
            out.length = r0;
            out.delimited = false;
            return r0;
        }
    }
}
