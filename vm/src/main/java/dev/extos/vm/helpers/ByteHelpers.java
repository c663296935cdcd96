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
     * Program bytes read in place: {@code length} bytes at {@code offset} of {@code segment},
     * checked once against their region, never copied (a filter calling a helper on every
     * record allocates nothing).
     */
    private record Bytes(MemorySegment segment, long offset, long length) {
        static Bytes of(AddressSpace memory, long address, long length, String helper) {
            try {
                return new Bytes(memory.readable(address, length), address & 0xffffffffL, length);
            } catch (MemoryFault e) {
                throw new MemoryFault(helper + ": " + e.getMessage());
            }
        }

        byte at(long i) {
            return segment.get(ValueLayout.JAVA_BYTE, offset + i);
        }
    }

    /**
     * A RECORD_MEMORY buffer: one that starts in the data (or the arguments) ends at most at the
     * data's end (the current record's, {@link AddressSpace#dataEnd()}) or the arguments' end,
     * whatever {@code length} says; the verifier proved only where it starts.
     */
    private static Bytes record(AddressSpace memory, long address, long length, String helper) {
        long region = address >>> AddressSpace.REGION_SHIFT;
        long end = region == AddressSpace.DATA_REGION ? memory.dataEnd()
                : region == AddressSpace.ARGS_REGION ? AddressSpace.base(AddressSpace.ARGS_REGION)
                        + memory.segment(AddressSpace.base(AddressSpace.ARGS_REGION)).byteSize()
                : Long.MAX_VALUE;
        if (end != Long.MAX_VALUE && Long.compareUnsigned(length, end - address) > 0) {
            length = Math.max(0, end - address);
        }
        return Bytes.of(memory, address, length, helper);
    }

    /** {@code extos_find_byte(buf, len, byte)}: index of the first byte equal to the low 8 bits of {@code value}, or -1. */
    public static long findByte(AddressSpace memory, long buf, long len, long value) {
        Bytes b = record(memory, buf, len, "extos_find_byte");
        byte v = (byte) value;
        for (long i = 0; i < b.length(); i++) {
            if (b.at(i) == v) {
                return i;
            }
        }
        return -1;
    }

    /** {@code extos_find(buf, len, needle, needle_len)}: index of the first occurrence of the needle, or -1. */
    public static long find(AddressSpace memory, long buf, long len, long needle, long needleLen) {
        Bytes hay = record(memory, buf, len, "extos_find");
        Bytes pat = Bytes.of(memory, needle, needleLen, "extos_find");
        outer:
        for (long i = 0; i + pat.length() <= hay.length(); i++) {
            for (long j = 0; j < pat.length(); j++) {
                if (hay.at(i + j) != pat.at(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** {@code extos_memcmp(a, a_len, b, b_len)}: -1, 0 or 1 as a sorts before, equal to or after b (bytes unsigned, a prefix first). */
    public static long memcmp(AddressSpace memory, long a, long aLen, long b, long bLen) {
        Bytes x = record(memory, a, aLen, "extos_memcmp");
        Bytes y = Bytes.of(memory, b, bLen, "extos_memcmp");
        long at = x.length() == 0 || y.length() == 0 ? (x.length() == y.length() ? -1 : 0)
                : MemorySegment.mismatch(x.segment(), x.offset(), x.offset() + x.length(), y.segment(), y.offset(),
                        y.offset() + y.length());
        if (at < 0) {
            return 0;
        }
        if (at == x.length() || at == y.length()) {
            return Long.signum(x.length() - y.length());
        }
        return Integer.signum(Byte.toUnsignedInt(x.at(at)) - Byte.toUnsignedInt(y.at(at)));
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
        Bytes b = record(memory, buf, len, "extos_parse_u64");
        long i = 0;
        if (base == 16 && b.length() >= 3 && b.at(0) == '0' && (b.at(1) == 'x' || b.at(1) == 'X') && digit(b.at(2), 16) >= 0) {
            i = 2;
        }
        long start = i;
        long value = 0;
        for (; i < b.length(); i++) {
            int d = digit(b.at(i), (int) base);
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
        Bytes b = record(memory, buf, len, "extos_hash");
        long h = FNV_BASIS ^ seed;
        for (long i = 0; i < b.length(); i++) {
            h ^= b.at(i) & 0xff;
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
