package dev.extos.vm.maps;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * The kernel's queue (first in, first out) and stack (last in, first out) maps: no keys, values
 * copied in by push and out by pop or peek, at most max entries of them.
 *
 * <p>Guarantees: every operation is atomic (one lock per map), so each pushed value is popped
 * exactly once and whole. Push on a full map fails with E2BIG, or with BPF_EXIST overwrites the
 * oldest value, as in the kernel. Programs never get pointers into these maps.
 */
public final class QueueMap extends BpfMap {
    private final boolean stack;
    private final int valueSize;
    private final int capacity;
    private int head;
    private int count;

    QueueMap(MapSpec spec, MapAccount account) {
        if (spec.keySize() != 0) {
            throw new MapOperationException(spec.name(), "create", Errno.EINVAL, "a " + spec.type().label()
                    + " has no keys (key size must be 0, not " + spec.keySize() + ")");
        }
        super(spec, account, (long) spec.maxEntries() * spec.valueSize(), 0);
        this.stack = spec.type() == MapType.STACK;
        this.valueSize = spec.valueSize();
        this.capacity = spec.maxEntries();
    }

    /** {@code map_push_elem}: 0, or -E2BIG when full (without BPF_EXIST), or -EINVAL for other flags. */
    synchronized int push(byte[] value, long flags) {
        if (flags != UpdateFlags.BPF_ANY && flags != UpdateFlags.BPF_EXIST) {
            return -Errno.EINVAL;
        }
        if (count == capacity) {
            if (flags != UpdateFlags.BPF_EXIST) {
                return -Errno.E2BIG;
            }
            head = (head + 1) % capacity;
            count--;
        }
        int slot = (head + count) % capacity;
        MemorySegment.copy(value, 0, slab, ValueLayout.JAVA_BYTE, (long) slot * valueSize, valueSize);
        count++;
        return 0;
    }

    /** {@code map_pop_elem} ({@code remove} true) or {@code map_peek_elem}: the value, or null when empty. */
    synchronized byte[] take(boolean remove) {
        if (count == 0) {
            return null;
        }
        int slot = stack ? (head + count - 1) % capacity : head;
        byte[] out = new byte[valueSize];
        MemorySegment.copy(slab, ValueLayout.JAVA_BYTE, (long) slot * valueSize, out, 0, valueSize);
        if (remove) {
            count--;
            if (!stack) {
                head = (head + 1) % capacity;
            }
        }
        return out;
    }

    /** Pushes {@code value}; with {@code overwrite} a full map drops its oldest value, otherwise it refuses with E2BIG. */
    public void push(byte[] value, boolean overwrite) {
        checkValue(value, valueSize);
        hostResult("push", push(value, overwrite ? UpdateFlags.BPF_EXIST : UpdateFlags.BPF_ANY));
    }

    /** Removes and returns the next value (the oldest for a queue, the newest for a stack). */
    public Optional<byte[]> pop() {
        return Optional.ofNullable(take(true));
    }

    /** The next value without removing it. */
    public Optional<byte[]> peek() {
        return Optional.ofNullable(take(false));
    }

    /** Number of values held now. */
    public synchronized int size() {
        return count;
    }
}
