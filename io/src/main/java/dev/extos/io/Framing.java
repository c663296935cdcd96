package dev.extos.io;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * How a file's bytes split into records. The filter sees each record's payload; delivered
 * records keep their framing, so filtered output is framed like its input (see docs/hooks.md).
 */
public sealed interface Framing {
    /** Records end with '\n'. The filter does not see the newline; a delivered record keeps it. The last line needs none. */
    record Lines() implements Framing {
    }

    /** Every record is {@code size} bytes; a kept prefix of n bytes is delivered as n bytes. */
    record Fixed(int size) implements Framing {
        public Fixed {
            if (size <= 0) {
                throw new IllegalArgumentException("a fixed record size must be positive, not " + size);
            }
        }
    }

    /**
     * Each record is a {@code width}-byte (2 or 4) unsigned length in {@code order}, then that many
     * bytes. The filter sees the bytes after the prefix; a delivered record gets a prefix giving the kept length.
     */
    record LengthPrefixed(int width, ByteOrder order) implements Framing {
        public LengthPrefixed {
            Objects.requireNonNull(order);
            if (width != 2 && width != 4) {
                throw new IllegalArgumentException("a length prefix is 2 or 4 bytes, not " + width);
            }
        }
    }

    /** A {@link Hook#FRAME} program finds each record's length; the filter sees the whole record. */
    record Program(LoadedFilter framer) implements Framing {
        public Program {
            Objects.requireNonNull(framer);
            if (framer.hook() != Hook.FRAME) {
                throw new IllegalArgumentException(framer.name() + " was loaded for " + framer.hook().section()
                        + ", not extos/frame, so it cannot frame records");
            }
        }
    }

    /** Newline-delimited records. */
    static Framing lines() {
        return new Lines();
    }

    /** Records of {@code size} bytes. */
    static Framing fixed(int size) {
        return new Fixed(size);
    }

    /** Records with a {@code width}-byte length prefix in {@code order}. */
    static Framing lengthPrefixed(int width, ByteOrder order) {
        return new LengthPrefixed(width, order);
    }

    /** Records found by a framer program. */
    static Framing program(LoadedFilter framer) {
        return new Program(framer);
    }

    /** The framing named on a command line: {@code lines}, {@code fixed:N}, {@code len16le}, {@code len16be}, {@code len32le}, {@code len32be}. */
    static Framing parse(String spec) {
        return switch (spec) {
            case "lines" -> lines();
            case "len16le" -> lengthPrefixed(2, ByteOrder.LITTLE_ENDIAN);
            case "len16be" -> lengthPrefixed(2, ByteOrder.BIG_ENDIAN);
            case "len32le" -> lengthPrefixed(4, ByteOrder.LITTLE_ENDIAN);
            case "len32be" -> lengthPrefixed(4, ByteOrder.BIG_ENDIAN);
            default -> {
                if (spec.startsWith("fixed:")) {
                    try {
                        yield fixed(Integer.parseInt(spec.substring(6)));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("fixed:N needs a record size in bytes, not '" + spec.substring(6) + "'");
                    }
                }
                throw new IllegalArgumentException("no framing '" + spec
                        + "' (framings: lines, fixed:N, len16le, len16be, len32le, len32be)");
            }
        };
    }

    /** How {@link #parse} spells this framing (a framer program is {@code program:NAME}). */
    default String describe() {
        return switch (this) {
            case Lines l -> "lines";
            case Fixed f -> "fixed:" + f.size();
            case LengthPrefixed p -> "len" + p.width() * 8 + (p.order() == ByteOrder.LITTLE_ENDIAN ? "le" : "be");
            case Program p -> "program:" + p.framer().name();
        };
    }
}
