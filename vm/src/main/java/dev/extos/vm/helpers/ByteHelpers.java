package dev.extos.vm.helpers;

import dev.extos.vm.AddressSpace;
import dev.extos.vm.MemoryFault;
import dev.extos.vm.maps.Errno;

/**
 * ExtOS's helpers for what filters do all day (numbers 1000-1004, see
 * {@link dev.extos.verifier.HelperCatalog}): find a byte, find a pattern, compare, parse a
 * number, hash. Each reads the program's bytes through the address space's checked access.
 */
public final class ByteHelpers {
    private ByteHelpers() {
    }

    /** FNV-1a's 64-bit offset basis and prime. */
    private static final long FNV_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private static byte[] bytes(AddressSpace memory, long address, long length, String helper) {
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new MemoryFault(helper + ": length " + length + " is not a buffer size");
        }
        return memory.read(address, (int) length);
    }

    /**
     * A RECORD_MEMORY buffer: one that starts in the data (or the arguments) ends at most at the
     * data's end (the current record's, {@link AddressSpace#dataEnd()}) or the arguments' end,
     * whatever {@code length} says; the verifier proved only where it starts.
     */
    private static byte[] record(AddressSpace memory, long address, long length, String helper) {
        long region = address >>> AddressSpace.REGION_SHIFT;
        long end = region == AddressSpace.DATA_REGION ? memory.dataEnd()
                : region == AddressSpace.ARGS_REGION ? AddressSpace.base(AddressSpace.ARGS_REGION)
                        + memory.segment(AddressSpace.base(AddressSpace.ARGS_REGION)).byteSize()
                : Long.MAX_VALUE;
        if (end != Long.MAX_VALUE && Long.compareUnsigned(length, end - address) > 0) {
            length = Math.max(0, end - address);
        }
        return bytes(memory, address, length, helper);
    }

    /** {@code extos_find_byte(buf, len, byte)}: index of the first byte equal to the low 8 bits of {@code value}, or -1. */
    public static long findByte(AddressSpace memory, long buf, long len, long value) {
        byte[] b = record(memory, buf, len, "extos_find_byte");
        byte v = (byte) value;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    /** {@code extos_find(buf, len, needle, needle_len)}: index of the first occurrence of the needle, or -1. */
    public static long find(AddressSpace memory, long buf, long len, long needle, long needleLen) {
        byte[] hay = record(memory, buf, len, "extos_find");
        byte[] pat = bytes(memory, needle, needleLen, "extos_find");
        outer:
        for (int i = 0; i + pat.length <= hay.length; i++) {
            for (int j = 0; j < pat.length; j++) {
                if (hay[i + j] != pat[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** {@code extos_memcmp(a, a_len, b, b_len)}: -1, 0 or 1 as a sorts before, equal to or after b (bytes unsigned, a prefix first). */
    public static long memcmp(AddressSpace memory, long a, long aLen, long b, long bLen) {
        return Integer.signum(java.util.Arrays.compareUnsigned(record(memory, a, aLen, "extos_memcmp"), bytes(memory, b, bLen, "extos_memcmp")));
    }

    /**
     * {@code extos_parse_u64(buf, len, base, *result)}: the unsigned number in base 10 or 16 (optional
     * 0x or 0X) at the start of the buffer; stores it at {@code result} and returns the bytes
     * consumed, or -EINVAL (no digit, or another base) or -ERANGE (over 2^64 - 1), storing 0:
     * the verifier counts the result as written on every return, as the kernel does since it zeroes
     * such outputs on error.
     */
    public static long parseU64(AddressSpace memory, long buf, long len, long base, long result) {
        long consumed = parse(memory, buf, len, base, result);
        if (consumed < 0) {
            memory.store64(result, 0);
        }
        return consumed;
    }

    private static long parse(AddressSpace memory, long buf, long len, long base, long result) {
        if (base != 10 && base != 16) {
            return -Errno.EINVAL;
        }
        byte[] b = record(memory, buf, len, "extos_parse_u64");
        int i = 0;
        if (base == 16 && b.length >= 3 && b[0] == '0' && (b[1] == 'x' || b[1] == 'X') && digit(b[2], 16) >= 0) {
            i = 2;
        }
        int start = i;
        long value = 0;
        for (; i < b.length; i++) {
            int d = digit(b[i], (int) base);
            if (d < 0) {
                break;
            }
            long hi = Math.unsignedMultiplyHigh(value, base);
            long next = value * base + d;
            if (hi != 0 || Long.compareUnsigned(next, value * base) < 0) {
                return -Errno.ERANGE;
            }
            value = next;
        }
        if (i == start) {
            return -Errno.EINVAL;
        }
        memory.store64(result, value);
        return i;
    }

    private static int digit(byte c, int base) {
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        return d < base ? d : -1;
    }

    /**
     * {@code extos_hash(buf, len, seed)}: 64-bit FNV-1a of the bytes, starting from the offset
     * basis XOR {@code seed}; stable across releases (seed 0 gives the standard FNV-1a 64).
     */
    public static long hash(AddressSpace memory, long buf, long len, long seed) {
        return fnv1a(record(memory, buf, len, "extos_hash"), seed);
    }

    /** FNV-1a 64 of {@code bytes} from basis XOR {@code seed}: what extos_hash returns, for hosts to compute the same. */
    public static long fnv1a(byte[] bytes, long seed) {
        long h = FNV_BASIS ^ seed;
        for (byte x : bytes) {
            h ^= x & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }
}
