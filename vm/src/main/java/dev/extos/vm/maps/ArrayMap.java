package dev.extos.vm.maps;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's array and per-CPU array: keys are u32 indexes below max entries, every entry
 * exists from creation (zeroed, or the initial data for global-data maps), nothing is deleted.
 *
 * <p>Guarantees: a value's address never changes, so a pointer a program holds always refers to
 * the same entry. An update copies the new bytes in place, so a concurrent reader (program or
 * host) may see a mix of old and new bytes, exactly as in the kernel without BPF_F_LOCK; use
 * atomic instructions on a value for counters shared by threads. A per-CPU array keeps one copy
 * per CPU slot ({@link Cpus}); a program sees and updates its own CPU's copy.
 */
public final class ArrayMap extends BpfMap {
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final boolean perCpu;
    private final int cpus;
    private final int valueSize;
    private final int valueStride;
    private final long entryStride;

    ArrayMap(MapSpec spec, MapAccount account) {
        if (spec.keySize() != 4) {
            throw new MapOperationException(spec.name(), "create", Errno.EINVAL, "array keys are 4-byte indexes, not "
                    + spec.keySize() + " bytes");
        }
        super(spec, account, (long) spec.maxEntries() * rounded(spec.valueSize()) * copies(spec), 0);
        this.perCpu = spec.type() == MapType.PERCPU_ARRAY;
        this.cpus = copies(spec);
        this.valueSize = spec.valueSize();
        this.valueStride = rounded(valueSize);
        this.entryStride = (long) valueStride * cpus;
        byte[] init = spec.initialData();
        MemorySegment.copy(init, 0, slab, ValueLayout.JAVA_BYTE, 0, init.length);
    }

    private static int copies(MapSpec spec) {
        return spec.type() == MapType.PERCPU_ARRAY ? Cpus.count() : 1;
    }

    @Override
    boolean programWritable() {
        return !spec().readOnly();
    }

    private long index(byte[] key) {
        return MemorySegment.ofArray(key).get(U32, 0) & 0xffffffffL;
    }

    @Override
    long lookupOffset(byte[] key) {
        return offsetOf(index(key));
    }

    /** Offset of the calling CPU's value of entry {@code index} (a u32), or -1 past the end: lookups without a key array. */
    long offsetOf(long index) {
        if (index >= spec().maxEntries()) {
            return -1;
        }
        return index * entryStride + (perCpu ? (long) Cpus.current() * valueStride : 0);
    }

    @Override
    int programUpdate(byte[] key, byte[] value, long flags) {
        int check = checkFlagsAndIndex(key, flags);
        if (check < 0) {
            return check;
        }
        long offset = lookupOffset(key);
        MemorySegment.copy(value, 0, slab, ValueLayout.JAVA_BYTE, offset, valueSize);
        return 0;
    }

    private int checkFlagsAndIndex(byte[] key, long flags) {
        if (flags > UpdateFlags.BPF_EXIST || flags < 0) {
            return -Errno.EINVAL;
        }
        if (index(key) >= spec().maxEntries()) {
            return -Errno.E2BIG;
        }
        return flags == UpdateFlags.BPF_NOEXIST ? -Errno.EEXIST : 0;
    }

    @Override
    public Optional<byte[]> lookup(byte[] key) {
        checkKey(key);
        long i = index(key);
        if (i >= spec().maxEntries()) {
            return Optional.empty();
        }
        byte[] out = new byte[valueSize * cpus];
        for (int c = 0; c < cpus; c++) {
            MemorySegment.copy(slab, ValueLayout.JAVA_BYTE, i * entryStride + (long) c * valueStride, out, c * valueSize, valueSize);
        }
        return Optional.of(out);
    }

    /** The value of entry {@code key} on CPU slot {@code cpu} (per-CPU arrays; cpu 0 for plain arrays). */
    public byte[] lookup(byte[] key, int cpu) {
        checkKey(key);
        if (cpu < 0 || cpu >= cpus) {
            throw new IllegalArgumentException("map '" + name() + "': cpu " + cpu + " is outside 0.." + (cpus - 1));
        }
        long i = index(key);
        if (i >= spec().maxEntries()) {
            throw new MapOperationException(name(), "lookup", Errno.ENOENT, "index " + i + " is outside 0.." + (spec().maxEntries() - 1));
        }
        byte[] out = new byte[valueSize];
        MemorySegment.copy(slab, ValueLayout.JAVA_BYTE, i * entryStride + (long) cpu * valueStride, out, 0, valueSize);
        return out;
    }

    /** Writes {@code value} into every CPU's copy, or, given {@code cpus * valueSize} bytes, each CPU's own part. */
    @Override
    public void update(byte[] key, byte[] value, long flags) {
        checkKey(key);
        checkValue(value, valueSize, valueSize * cpus);
        hostResult("update", checkFlagsAndIndex(key, flags));
        long base = index(key) * entryStride;
        for (int c = 0; c < cpus; c++) {
            int from = value.length == valueSize ? 0 : c * valueSize;
            MemorySegment.copy(value, from, slab, ValueLayout.JAVA_BYTE, base + (long) c * valueStride, valueSize);
        }
    }

    @Override
    public boolean delete(byte[] key) {
        throw new MapOperationException(name(), "delete", Errno.EINVAL, "entries of an array always exist");
    }

    /** Every index, 0 to max entries - 1, as 4-byte little-endian keys. */
    @Override
    public List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>(spec().maxEntries());
        for (int i = 0; i < spec().maxEntries(); i++) {
            keys.add(new byte[] {(byte) i, (byte) (i >>> 8), (byte) (i >>> 16), (byte) (i >>> 24)});
        }
        return keys;
    }
}
