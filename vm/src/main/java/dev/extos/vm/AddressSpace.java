package dev.extos.vm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The memory one run of a program sees. Addresses are plain 64-bit values: the high 32 bits
 * select a region (context, a stack frame, record data, arguments, a map value), the low 32 bits
 * are the offset inside it, and region 0 is never mapped, so 0 is a null pointer. No real
 * address is ever visible to the program. Every access is checked against its region's bounds
 * and permission here; this is the software fault isolation the interpreter relies on.
 *
 * <p>The layout is fixed, so that compiled code knows where each kind of memory is: region 1 is
 * the context, regions 2..9 the stack frames of calls 0..7 (512 bytes each, r10 pointing one past
 * the end), 10 the data (packet, record, or the conformance memory), 11 the packet metadata, 12
 * the per-call arguments, 16..79 the program's maps (map i at 16 + i), and from 80 on whatever
 * else the host maps. An address
 * space is reused across runs (re-map a region to a new segment instead of allocating) and is
 * used by one thread at a time.
 */
public final class AddressSpace {
    /** Bits of an address that hold the offset within its region. */
    public static final int REGION_SHIFT = 32;
    /** The region of the context (r1 of the kernel's calling convention). */
    public static final int CONTEXT_REGION = 1;
    /** The region of the outermost call's stack frame; frame k is region FIRST_STACK_REGION + k. */
    public static final int FIRST_STACK_REGION = 2;
    /** Most nested calls, counting the program's entry (the kernel's MAX_CALL_FRAMES). */
    public static final int MAX_FRAMES = 8;
    /** Bytes of stack per frame. */
    public static final int STACK_SIZE = 512;
    /** The region of packet or record data, or of the conformance memory buffer. */
    public static final int DATA_REGION = FIRST_STACK_REGION + MAX_FRAMES;
    /** The region of packet metadata (XDP's data_meta..data). */
    public static final int META_REGION = DATA_REGION + 1;
    /** The region of the read-only per-call arguments. */
    public static final int ARGS_REGION = DATA_REGION + 2;
    /** The region of the program's map 0; map i is region FIRST_MAP_REGION + i. */
    public static final int FIRST_MAP_REGION = 16;
    /** Most maps one program may use. */
    public static final int MAX_MAPS = 64;
    /** The first region handed out by {@link #map}. */
    public static final int FIRST_HOST_REGION = FIRST_MAP_REGION + MAX_MAPS;
    /** Most regions one address space can hold. */
    public static final int MAX_REGIONS = 1 << 16;

    private static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle ATOMIC32 = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final VarHandle ATOMIC64 = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    /** One mapped region; a single array of these keeps an access's checks to a few loads. */
    private record Region(MemorySegment segment, long size, boolean writable, boolean mappedWritable, String name) {
    }

    private Region[] regions = new Region[FIRST_HOST_REGION + 4];
    private int regionCount = FIRST_HOST_REGION;
    private long dataEnd = base(DATA_REGION);
    /** Per region, what compiled code may access directly (see {@link #directSegments}). */
    private MemorySegment[] direct = emptySegments(regions.length, 0);

    /** A fresh address space with empty stack frames, no context and no data regions. */
    public AddressSpace() {
        for (int f = 0; f < MAX_FRAMES; f++) {
            install(FIRST_STACK_REGION + f, "stack frame " + f, allocate(STACK_SIZE), true);
        }
    }

    /** A zeroed, 8-byte-aligned segment of {@code bytes} bytes on the Java heap (atomics work on it). */
    public static MemorySegment allocate(long bytes) {
        if (bytes < 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot allocate " + bytes + " bytes");
        }
        return MemorySegment.ofArray(new long[(int) ((bytes + 7) >>> 3)]).asSlice(0, bytes);
    }

    /** The address r10 holds in stack frame {@code frame}: one past the frame's last byte. */
    public static long stackTop(int frame) {
        return ((long) (FIRST_STACK_REGION + frame) << REGION_SHIFT) + STACK_SIZE;
    }

    /** The first address of region {@code region}. */
    public static long base(int region) {
        return (long) region << REGION_SHIFT;
    }

    /** Maps {@code segment} as the context region and returns its address. */
    public long mapContext(MemorySegment segment, boolean writable) {
        install(CONTEXT_REGION, "context", segment, writable);
        return base(CONTEXT_REGION);
    }

    /** Maps {@code segment} as the data region (packet, record or conformance memory) and returns its address. */
    public long mapData(String name, MemorySegment segment, boolean writable) {
        install(DATA_REGION, name, segment, writable);
        dataEnd = base(DATA_REGION) + segment.byteSize();
        return base(DATA_REGION);
    }

    /**
     * Sets where the current record (or packet) ends inside the data region, for helpers that
     * read record bytes up to its end; a host that maps a window of many records sets it per record.
     */
    public void dataEnd(long address) {
        dataEnd = address;
    }

    /** One past the current record's last byte in the data region (the region's end unless a host set it). */
    public long dataEnd() {
        return dataEnd;
    }

    /** Maps {@code segment} as the packet metadata region and returns its address. */
    public long mapMeta(MemorySegment segment, boolean writable) {
        install(META_REGION, "packet metadata", segment, writable);
        return base(META_REGION);
    }

    /** Maps {@code segment}, read-only, as the per-call arguments and returns its address. */
    public long mapArgs(MemorySegment segment) {
        install(ARGS_REGION, "arguments", segment, false);
        return base(ARGS_REGION);
    }

    /** Maps {@code segment} as the values of the program's map {@code index} and returns its address. */
    public long mapMapValues(int index, String name, MemorySegment segment, boolean writable) {
        if (index < 0 || index >= MAX_MAPS) {
            throw new IllegalArgumentException("map index " + index + " is outside 0.." + (MAX_MAPS - 1));
        }
        install(FIRST_MAP_REGION + index, name, segment, writable);
        return base(FIRST_MAP_REGION + index);
    }

    // Host objects a run's helpers need (e.g. the program's maps), keyed by type; one or two entries.
    private Object[] attachments = new Object[0];

    /** Attaches {@code value} under {@code type} (replacing any earlier one), for helpers to find with {@link #attachment}. */
    public <T> void attach(Class<T> type, T value) {
        for (int i = 0; i < attachments.length; i += 2) {
            if (attachments[i] == type) {
                attachments[i + 1] = type.cast(value);
                return;
            }
        }
        attachments = Arrays.copyOf(attachments, attachments.length + 2);
        attachments[attachments.length - 2] = type;
        attachments[attachments.length - 1] = type.cast(value);
    }

    /** The object attached under {@code type}, or null. */
    public <T> T attachment(Class<T> type) {
        Object[] a = attachments;
        for (int i = 0; i < a.length; i += 2) {
            if (a[i] == type) {
                return type.cast(a[i + 1]);
            }
        }
        return null;
    }

    /** Maps {@code segment} as a new region named {@code name} (from {@link #FIRST_HOST_REGION} on) and returns its first address. */
    public long map(String name, MemorySegment segment, boolean writable) {
        if (regionCount >= MAX_REGIONS) {
            throw new IllegalStateException("address space full: " + MAX_REGIONS + " regions");
        }
        int region = regionCount++;
        install(region, name, segment, writable);
        return base(region);
    }

    /** Points the region starting at {@code base} at a new segment, keeping its name and permission. */
    public void remap(long base, MemorySegment segment) {
        int region = (int) (base >>> REGION_SHIFT);
        if ((base & 0xffffffffL) != 0 || region < CONTEXT_REGION || region >= regions.length || regions[region] == null) {
            throw new IllegalArgumentException("0x" + Long.toHexString(base) + " is not the start of a mapped region");
        }
        Region old = regions[region];
        install(region, old.name(), segment, old.mappedWritable());
    }

    /** The segment backing the region at {@code base} (for the host to read results). */
    public MemorySegment segment(long base) {
        int region = (int) (base >>> REGION_SHIFT);
        if (region <= 0 || region >= regions.length || regions[region] == null) {
            throw new IllegalArgumentException("0x" + Long.toHexString(base) + " is not in a mapped region");
        }
        return regions[region].segment();
    }

    /**
     * For compiled code: indexed by region, each region's segment as a direct access may use it
     * (a read-only view where the region is read-only, an empty segment where nothing is mapped),
     * so that the segment's own bounds and read-only checks refuse exactly what {@link #load} and
     * {@link #store} refuse. A remap replaces entries and may replace the array: fetch it once per
     * run, never keep it across runs. Callers must not modify it.
     */
    public MemorySegment[] directSegments() {
        return direct;
    }

    private static MemorySegment[] emptySegments(int length, int from) {
        MemorySegment[] all = new MemorySegment[length];
        Arrays.fill(all, from, length, MemorySegment.NULL);
        return all;
    }

    private void install(int region, String name, MemorySegment segment, boolean canWrite) {
        if (segment.byteSize() > 0xffffffffL) {
            throw new IllegalArgumentException("region '" + name + "' is larger than 4 GiB");
        }
        if (region >= regions.length) {
            int length = Math.min(MAX_REGIONS, Math.max(region + 1, regions.length * 2));
            MemorySegment[] grown = emptySegments(length, regions.length);
            System.arraycopy(direct, 0, grown, 0, regions.length);
            regions = Arrays.copyOf(regions, length);
            direct = grown;
        }
        boolean writable = canWrite && !segment.isReadOnly();
        regions[region] = new Region(segment, segment.byteSize(), writable, canWrite, name);
        direct[region] = writable ? segment : segment.asReadOnly();
    }

    /** The segment holding {@code size} bytes at {@code address}, or a fault saying why there is none. */
    private MemorySegment check(long address, int size, boolean write) {
        long region = address >>> REGION_SHIFT;
        Region[] all = regions;
        if (region < all.length) {
            Region r = all[(int) region];
            if (r != null && (address & 0xffffffffL) + size <= r.size() && (!write || r.writable())) {
                return r.segment();
            }
        }
        throw fault(address, size, write);
    }

    private MemoryFault fault(long address, int size, boolean write) {
        long region = address >>> REGION_SHIFT;
        long offset = address & 0xffffffffL;
        String access = (write ? "write of " : "read of ") + size + " byte" + (size == 1 ? "" : "s") + " at 0x" + Long.toHexString(address);
        if (region >= regions.length || regions[(int) region] == null) {
            return new MemoryFault(access + ": no memory is mapped there" + (region == 0 ? " (null pointer)" : ""));
        }
        Region r = regions[(int) region];
        if (offset + size > r.size()) {
            return new MemoryFault(access + ": outside " + r.name() + " (offset " + offset + ", size " + r.size() + ")");
        }
        return new MemoryFault(access + ": " + r.name() + " is read-only");
    }

    /** Reads 1, 2, 4 or 8 bytes at {@code address}, zero-extended. */
    public long load(long address, int size) {
        return switch (size) {
            case 1 -> load8(address);
            case 2 -> load16(address);
            case 4 -> load32(address);
            case 8 -> load64(address);
            default -> throw new IllegalArgumentException("access size " + size);
        };
    }

    /** Writes the low 1, 2, 4 or 8 bytes of {@code value} at {@code address}. */
    public void store(long address, int size, long value) {
        switch (size) {
            case 1 -> store8(address, value);
            case 2 -> store16(address, value);
            case 4 -> store32(address, value);
            case 8 -> store64(address, value);
            default -> throw new IllegalArgumentException("access size " + size);
        }
    }

    public long load8(long address) {
        return check(address, 1, false).get(U8, address & 0xffffffffL) & 0xffL;
    }

    public long load16(long address) {
        return check(address, 2, false).get(U16, address & 0xffffffffL) & 0xffffL;
    }

    public long load32(long address) {
        return check(address, 4, false).get(U32, address & 0xffffffffL) & 0xffffffffL;
    }

    public long load64(long address) {
        return check(address, 8, false).get(U64, address & 0xffffffffL);
    }

    public void store8(long address, long value) {
        check(address, 1, true).set(U8, address & 0xffffffffL, (byte) value);
    }

    public void store16(long address, long value) {
        check(address, 2, true).set(U16, address & 0xffffffffL, (short) value);
    }

    public void store32(long address, long value) {
        check(address, 4, true).set(U32, address & 0xffffffffL, (int) value);
    }

    public void store64(long address, long value) {
        check(address, 8, true).set(U64, address & 0xffffffffL, value);
    }

    /**
     * The segment of the region holding the {@code length} readable bytes at {@code address}
     * (they start at offset {@code address & 0xffffffff} in it), or a fault saying why there is
     * none: lets helpers read program memory in place, without copying.
     */
    public MemorySegment readable(long address, long length) {
        if (length < 0 || length > 0xffffffffL) {
            throw new MemoryFault("read of " + length + " bytes at 0x" + Long.toHexString(address) + ": not a buffer size");
        }
        return length == 0 ? MemorySegment.NULL : check(address, (int) Math.min(length, Integer.MAX_VALUE), false);
    }

    /** Copies {@code length} bytes at {@code address} out of the program's memory (for helpers and hosts). */
    public byte[] read(long address, int length) {
        if (length == 0) {
            return new byte[0];
        }
        MemorySegment s = check(address, length, false);
        return s.asSlice(address & 0xffffffffL, length).toArray(ValueLayout.JAVA_BYTE);
    }

    /** Copies {@code bytes} into the program's memory at {@code address}, checked like a store (for helpers). */
    public void write(long address, byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        MemorySegment s = check(address, bytes.length, true);
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, address & 0xffffffffL, bytes.length);
    }

    /** The kinds of atomic read-modify-write, named after the instruction set's. */
    public enum AtomicKind { ADD, OR, AND, XOR, XCHG }

    /**
     * Atomically combines the naturally aligned word (size 4) or double word (8) at
     * {@code address} with {@code value} and returns the old value, zero-extended.
     */
    public long atomic(AtomicKind kind, long address, int size, long value) {
        MemorySegment s = checkAtomic(address, size);
        long off = address & 0xffffffffL;
        try {
            if (size == 4) {
                int v = (int) value;
                int old = switch (kind) {
                    case ADD -> (int) ATOMIC32.getAndAdd(s, off, v);
                    case OR -> (int) ATOMIC32.getAndBitwiseOr(s, off, v);
                    case AND -> (int) ATOMIC32.getAndBitwiseAnd(s, off, v);
                    case XOR -> (int) ATOMIC32.getAndBitwiseXor(s, off, v);
                    case XCHG -> (int) ATOMIC32.getAndSet(s, off, v);
                };
                return old & 0xffffffffL;
            }
            return switch (kind) {
                case ADD -> (long) ATOMIC64.getAndAdd(s, off, value);
                case OR -> (long) ATOMIC64.getAndBitwiseOr(s, off, value);
                case AND -> (long) ATOMIC64.getAndBitwiseAnd(s, off, value);
                case XOR -> (long) ATOMIC64.getAndBitwiseXor(s, off, value);
                case XCHG -> (long) ATOMIC64.getAndSet(s, off, value);
            };
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new MemoryFault("atomic access at 0x" + Long.toHexString(address) + " is not possible in this region: " + e.getMessage());
        }
    }

    /**
     * Atomically replaces the value at {@code address} with {@code replacement} if it equals
     * {@code expected} (compared on {@code size} bytes); returns the old value, zero-extended.
     */
    public long compareAndExchange(long address, int size, long expected, long replacement) {
        MemorySegment s = checkAtomic(address, size);
        long off = address & 0xffffffffL;
        try {
            if (size == 4) {
                return ((int) ATOMIC32.compareAndExchange(s, off, (int) expected, (int) replacement)) & 0xffffffffL;
            }
            return (long) ATOMIC64.compareAndExchange(s, off, expected, replacement);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new MemoryFault("atomic access at 0x" + Long.toHexString(address) + " is not possible in this region: " + e.getMessage());
        }
    }

    private MemorySegment checkAtomic(long address, int size) {
        MemorySegment s = check(address, size, true);
        if (((s.address() + (address & 0xffffffffL)) & (size - 1)) != 0) {
            throw new MemoryFault("atomic access of " + size + " bytes at 0x" + Long.toHexString(address) + " is not aligned");
        }
        return s;
    }
}
