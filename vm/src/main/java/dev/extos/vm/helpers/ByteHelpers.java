package dev.extos.vm.helpers;

import dev.extos.vm.AddressSpace;
import dev.extos.vm.MemoryFault;
import dev.extos.vm.maps.Errno;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * ExtOS's helpers for what filters do all day (numbers 1000-1004, see
 * {@link dev.extos.verifier.HelperCatalog}): find a byte, find a pattern, compare, parse a
 * number, hash. Each reads the program's bytes in place, checked once per buffer against its region.
 */
public final class ByteHelpers {
    private ByteHelpers() {
    }

    /** FNV-1a's 64-bit offset basis and prime. */
    private static final long FNV_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /**
     * The segment holding {@code length} program bytes at {@code address}, checked once against
     * their region; the bytes are then read in place at {@code address & 0xffffffff}, never copied,
     * and no object is made per call (a filter calling a helper on every record allocates nothing,
     * even before the JIT compiles it).
     */
    private static MemorySegment bytes(AddressSpace memory, long address, long length, String helper) {
        try {
            return memory.readable(address, length);
        } catch (MemoryFault e) {
            throw new MemoryFault(helper + ": " + e.getMessage());
        }
    }

    private static long offset(long address) {
        return address & 0xffffffffL;
    }

    /**
     * The length of a RECORD_MEMORY buffer: one that starts in the data (or the arguments) ends at
     * most at the data's end (the current record's, {@link AddressSpace#dataEnd()}) or the
     * arguments' end, whatever {@code length} says; the verifier proved only where it starts.
     */
    private static long recordLength(AddressSpace memory, long address, long length) {
        long region = address >>> AddressSpace.REGION_SHIFT;
        long end = region == AddressSpace.DATA_REGION ? memory.dataEnd()
                : region == AddressSpace.ARGS_REGION ? AddressSpace.base(AddressSpace.ARGS_REGION)
                        + memory.segment(AddressSpace.base(AddressSpace.ARGS_REGION)).byteSize()
                : Long.MAX_VALUE;
        if (end != Long.MAX_VALUE && Long.compareUnsigned(length, end - address) > 0) {
            return Math.max(0, end - address);
        }
        return length;
    }

    /** {@code extos_find_byte(buf, len, byte)}: index of the first byte equal to the low 8 bits of {@code value}, or -1. */
    public static long findByte(AddressSpace memory, long buf, long len, long value) {
        long n = recordLength(memory, buf, len);
        MemorySegment b = bytes(memory, buf, n, "extos_find_byte");
        long at = offset(buf);
        byte v = (byte) value;
        for (long i = 0; i < n; i++) {
            if (b.get(ValueLayout.JAVA_BYTE, at + i) == v) {
                return i;
            }
        }
        return -1;
    }

    /** {@code extos_find(buf, len, needle, needle_len)}: index of the first occurrence of the needle, or -1. */
    public static long find(AddressSpace memory, long buf, long len, long needle, long needleLen) {
        long hayLength = recordLength(memory, buf, len);
        MemorySegment hay = bytes(memory, buf, hayLength, "extos_find");
        MemorySegment pat = bytes(memory, needle, needleLen, "extos_find");
        long hayAt = offset(buf);
        long patAt = offset(needle);
        outer:
        for (long i = 0; i + needleLen <= hayLength; i++) {
            for (long j = 0; j < needleLen; j++) {
                if (hay.get(ValueLayout.JAVA_BYTE, hayAt + i + j) != pat.get(ValueLayout.JAVA_BYTE, patAt + j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** {@code extos_memcmp(a, a_len, b, b_len)}: -1, 0 or 1 as a sorts before, equal to or after b (bytes unsigned, a prefix first). */
    public static long memcmp(AddressSpace memory, long a, long aLen, long b, long bLen) {
        long xLength = recordLength(memory, a, aLen);
        MemorySegment x = bytes(memory, a, xLength, "extos_memcmp");
        MemorySegment y = bytes(memory, b, bLen, "extos_memcmp");
        long xAt = offset(a);
        long yAt = offset(b);
        long at = xLength == 0 || bLen == 0 ? (xLength == bLen ? -1 : 0)
                : MemorySegment.mismatch(x, xAt, xAt + xLength, y, yAt, yAt + bLen);
        if (at < 0) {
            return 0;
        }
        if (at == xLength || at == bLen) {
            return Long.signum(xLength - bLen);
        }
        return Integer.signum(Byte.toUnsignedInt(x.get(ValueLayout.JAVA_BYTE, xAt + at))
                - Byte.toUnsignedInt(y.get(ValueLayout.JAVA_BYTE, yAt + at)));
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
        long n = recordLength(memory, buf, len);
        MemorySegment b = bytes(memory, buf, n, "extos_parse_u64");
        long at = offset(buf);
        long i = 0;
        if (base == 16 && n >= 3 && b.get(ValueLayout.JAVA_BYTE, at) == '0'
                && (b.get(ValueLayout.JAVA_BYTE, at + 1) == 'x' || b.get(ValueLayout.JAVA_BYTE, at + 1) == 'X')
                && digit(b.get(ValueLayout.JAVA_BYTE, at + 2), 16) >= 0) {
            i = 2;
        }
        long start = i;
        long value = 0;
        for (; i < n; i++) {
            int d = digit(b.get(ValueLayout.JAVA_BYTE, at + i), (int) base);
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
        long n = recordLength(memory, buf, len);
        MemorySegment b = bytes(memory, buf, n, "extos_hash");
        long at = offset(buf);
        long h = FNV_BASIS ^ seed;
        for (long i = 0; i < n; i++) {
            h ^= b.get(ValueLayout.JAVA_BYTE, at + i) & 0xff;
            h *= FNV_PRIME;
        }
        return h;
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
