package dev.extos.vm.maps;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import dev.extos.vm.AddressSpace;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One map: its spec, its values in one slab (the map's region in a program's address space) and
 * the host's byte-array API. Operations a map type does not have fail with EINVAL, as in the
 * kernel. Every map is safe for concurrent use by programs and the host; each subclass says
 * exactly what a concurrent reader may observe.
 */
public abstract sealed class BpfMap implements AutoCloseable permits ArrayMap, HashTable, QueueMap, RingBuffer, ProgramArray {
    /** Bytes charged per map besides its slab: the objects that describe it. */
    static final long MAP_OVERHEAD = 256;

    private final MapSpec spec;
    private final MapAccount account;
    private final long charged;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The values; region FIRST_MAP_REGION + i of a program whose map i this is. */
    final MemorySegment slab;

    BpfMap(MapSpec spec, MapAccount account, long slabBytes, long indexBytes) {
        this.spec = spec;
        this.account = account;
        if (slabBytes > Integer.MAX_VALUE) {
            throw new MapOperationException(spec.name(), "create", Errno.E2BIG, slabBytes + " bytes of values are more than one map may hold (2 GiB)");
        }
        this.charged = slabBytes + indexBytes + MAP_OVERHEAD;
        account.charge(spec.name(), charged);
        this.slab = AddressSpace.allocate(slabBytes);
    }

    /** Creates the map {@code spec} describes, charging its memory to {@code account}. */
    public static BpfMap create(MapSpec spec, MapAccount account) {
        return switch (spec.type()) {
            case ARRAY, PERCPU_ARRAY -> new ArrayMap(spec, account);
            case HASH, PERCPU_HASH, LRU_HASH -> new HashTable(spec, account);
            case QUEUE, STACK -> new QueueMap(spec, account);
            case RINGBUF -> new RingBuffer(spec, account);
            case PROG_ARRAY -> new ProgramArray(spec, account);
        };
    }

    /** What the program declared. */
    public MapSpec spec() {
        return spec;
    }

    /** The map's name. */
    public String name() {
        return spec.name();
    }

    /** The map's type. */
    public MapType type() {
        return spec.type();
    }

    /** Bytes this map charged to its account (slab, key index and a fixed overhead). */
    public long chargedBytes() {
        return charged;
    }

    /** Gives the map's memory back to its account; the map must not be used afterwards. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            account.release(charged);
        }
    }

    /** Whether a program may write into the map's region (values of arrays and hashes, ring buffer records). */
    boolean programWritable() {
        return false;
    }

    /** The value of {@code key}, or empty when there is none. Per-CPU maps return every CPU's copy, one after the other. */
    public Optional<byte[]> lookup(byte[] key) {
        throw unsupported("lookup");
    }

    /** Creates or replaces the value of {@code key} as {@code flags} ({@link UpdateFlags}) allow; throws with the kernel's errno otherwise. */
    public void update(byte[] key, byte[] value, long flags) {
        throw unsupported("update");
    }

    /** Removes {@code key}; false when there was no such key. */
    public boolean delete(byte[] key) {
        throw unsupported("delete");
    }

    /** A snapshot of the keys present now. */
    public List<byte[]> keys() {
        throw unsupported("keys");
    }

    // ---- what helpers do on a program's behalf (errno results negative) ----

    /** Offset in the slab of the calling CPU's value of {@code key}, or -1. */
    long lookupOffset(byte[] key) {
        return -1;
    }

    /** {@code map_update_elem} from a program: 0 or a negative errno. */
    int programUpdate(byte[] key, byte[] value, long flags) {
        return -Errno.EINVAL;
    }

    /** {@code map_delete_elem} from a program: 0 or a negative errno. */
    int programDelete(byte[] key) {
        return -Errno.EINVAL;
    }

    final MapOperationException unsupported(String operation) {
        return new MapOperationException(name(), operation, Errno.EINVAL, "a " + type().label() + " map has no " + operation);
    }

    final void checkKey(byte[] key) {
        if (key.length != spec.keySize()) {
            throw new IllegalArgumentException("map '" + name() + "': key of " + key.length + " bytes, the map's keys have "
                    + spec.keySize());
        }
    }

    final void checkValue(byte[] value, int... allowed) {
        for (int a : allowed) {
            if (value.length == a) {
                return;
            }
        }
        throw new IllegalArgumentException("map '" + name() + "': value of " + value.length + " bytes, the map's values have "
                + spec.valueSize() + (allowed.length > 1 ? " (or " + allowed[1] + " for all CPUs)" : ""));
    }

    /** Throws the host's exception for a negative errno a shared operation returned. */
    final void hostResult(String operation, int result) {
        if (result >= 0) {
            return;
        }
        String why = switch (-result) {
            case Errno.EEXIST -> "the key exists (BPF_NOEXIST)";
            case Errno.ENOENT -> "no such key (BPF_EXIST)";
            case Errno.E2BIG -> "the map is full (" + spec.maxEntries() + " entries) or the index is out of range";
            case Errno.EINVAL -> "invalid flags or operation";
            case Errno.EAGAIN -> "no room until the consumer frees space";
            default -> "refused";
        };
        throw new MapOperationException(name(), operation, -result, why);
    }

    @Override
    public String toString() {
        return spec.toString();
    }

    /** The stride of one value: rounded up to 8 bytes so that every value is 8-aligned for atomics, as in the kernel. */
    static int rounded(int valueSize) {
        return (valueSize + 7) & ~7;
    }
}
