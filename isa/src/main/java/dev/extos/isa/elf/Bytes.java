package dev.extos.isa.elf;

/**
 * A bounds-checked little-endian view of one region of the file (the whole file or one section):
 * every read outside it becomes an {@link ElfFormatException} that names the region and offset.
 */
final class Bytes {
    private final byte[] data;
    private final int start;
    private final int length;
    private final String file;
    private final String region;

    Bytes(byte[] data, int start, int length, String file, String region) {
        this.data = data;
        this.start = start;
        this.length = length;
        this.file = file;
        this.region = region;
    }

    int length() {
        return length;
    }

    String region() {
        return region;
    }

    ElfFormatException error(long offset, String reason) {
        return new ElfFormatException(file, region, offset, reason);
    }

    private int at(long offset, int size) {
        if (offset < 0 || offset > length - size) {
            throw error(offset, "needs " + size + " bytes at offset 0x" + Long.toHexString(offset) + " but "
                    + region + " is only " + length + " bytes long");
        }
        return start + (int) offset;
    }

    int u8(long offset) {
        return data[at(offset, 1)] & 0xff;
    }

    int u16(long offset) {
        int p = at(offset, 2);
        return (data[p] & 0xff) | (data[p + 1] & 0xff) << 8;
    }

    /** A 32-bit field as Java int (callers that need it unsigned use {@link #u32}). */
    int i32(long offset) {
        int p = at(offset, 4);
        return (data[p] & 0xff) | (data[p + 1] & 0xff) << 8 | (data[p + 2] & 0xff) << 16 | (data[p + 3] & 0xff) << 24;
    }

    long u32(long offset) {
        return i32(offset) & 0xffffffffL;
    }

    long i64(long offset) {
        return (u32(offset) | u32(offset + 4) << 32);
    }

    /** A 32-bit count or size that must fit what this region can hold. */
    int size32(long offset, String what) {
        long v = u32(offset);
        if (v > length) {
            throw error(offset, what + " " + v + " is larger than " + region + " (" + length + " bytes)");
        }
        return (int) v;
    }

    byte[] slice(long offset, long size) {
        if (size < 0 || size > length) {
            throw error(offset, "a " + size + "-byte range does not fit in " + region + " (" + length + " bytes)");
        }
        int p = at(offset, (int) size);
        byte[] out = new byte[(int) size];
        System.arraycopy(data, p, out, 0, (int) size);
        return out;
    }

    /** A sub-region; offsets in errors become relative to it. */
    Bytes sub(long offset, long size, String name) {
        if (size < 0 || size > length) {
            throw error(offset, name + " (" + size + " bytes) does not fit in " + region + " (" + length + " bytes)");
        }
        return new Bytes(data, at(offset, (int) size), (int) size, file, name);
    }

    /** The NUL-terminated string at {@code offset}; a missing terminator is an error. */
    String cString(long offset) {
        if (offset < 0 || offset >= length) {
            throw error(offset, "string offset 0x" + Long.toHexString(offset) + " is past the end of " + region
                    + " (" + length + " bytes)");
        }
        int p = start + (int) offset;
        int end = p;
        int limit = start + length;
        while (end < limit && data[end] != 0) {
            end++;
        }
        if (end == limit) {
            throw error(offset, "the string at offset 0x" + Long.toHexString(offset) + " has no terminating NUL");
        }
        return new String(data, p, end - p, java.nio.charset.StandardCharsets.UTF_8);
    }
}
