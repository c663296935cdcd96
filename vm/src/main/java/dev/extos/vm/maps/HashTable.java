package dev.extos.vm.maps;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The kernel's hash, LRU hash and per-CPU hash maps, preallocated as the kernel's are: the slab
 * holds max entries value slots plus one spare per CPU slot, and a key index maps each key to
 * its slot.
 *
 * <p>Guarantees: programs' lookups take no lock; updates, deletes and host lookups of one map
 * are serialised, so the host always reads a whole value. Replacing the value of a present key
 * writes the new value into a free slot and then switches the key to it, so a program that looks
 * the key up meanwhile gets a pointer to the whole old value or the whole new one (per-CPU maps
 * update a program's own CPU copy in place instead, as the kernel does). A deleted or replaced slot is
 * reused by later inserts while a program may still hold a pointer to it: memory-safe (the
 * pointer stays inside the map's region), but the program may then read another key's value,
 * as with the kernel's preallocated maps. An LRU hash that is full evicts the least recently
 * used entry (exactly in maps of up to 1024 slots, otherwise the oldest of 64 sampled entries,
 * approximate as the kernel's LRU is); lookups and updates count as use.
 */
public final class HashTable extends BpfMap {
    private static final int EXACT_LRU_SLOTS = 1024;
    private static final int LRU_SAMPLE = 64;

    /** A key with value semantics. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private final boolean lru;
    private final boolean perCpu;
    private final int cpus;
    private final int valueSize;
    private final int valueStride;
    private final long slotStride;
    private final ConcurrentHashMap<Key, Integer> index;
    // Guarded by `this`: the slot bookkeeping writers share.
    private final Key[] keyOfSlot;
    private final int[] free;
    private int freeCount;
    // Racy on purpose: use stamps are approximate, like the kernel's LRU lists.
    private final long[] lastUsed;
    private long clock;
    private final RandomGenerator random = RandomGenerator.of("L64X128MixRandom");

    HashTable(MapSpec spec, MapAccount account) {
        if (spec.keySize() == 0) {
            throw new MapOperationException(spec.name(), "create", Errno.EINVAL, "hash keys cannot be empty");
        }
        int copies = spec.type() == MapType.PERCPU_HASH ? Cpus.count() : 1;
        long slots = (long) spec.maxEntries() + Cpus.count();
        super(spec, account, slots * rounded(spec.valueSize()) * copies, slots * (spec.keySize() + 64L));
        this.lru = spec.type() == MapType.LRU_HASH;
        this.perCpu = spec.type() == MapType.PERCPU_HASH;
        this.cpus = copies;
        this.valueSize = spec.valueSize();
        this.valueStride = rounded(valueSize);
        this.slotStride = (long) valueStride * copies;
        this.index = new ConcurrentHashMap<>(Math.min(spec.maxEntries(), 1 << 16));
        this.keyOfSlot = new Key[(int) slots];
        this.free = new int[(int) slots];
        for (int i = 0; i < slots; i++) {
            free[i] = (int) slots - 1 - i;
        }
        this.freeCount = (int) slots;
        this.lastUsed = lru ? new long[(int) slots] : null;
    }

    @Override
    boolean programWritable() {
        return true;
    }

    /** Number of keys present now. */
    public int size() {
        return index.size();
    }

    @Override
    long lookupOffset(byte[] key) {
        Integer slot = index.get(new Key(key));
        if (slot == null) {
            return -1;
        }
        touch(slot);
        return slot * slotStride + (perCpu ? (long) Cpus.current() * valueStride : 0);
    }

    private void touch(int slot) {
        if (lru) {
            lastUsed[slot] = ++clock;
        }
    }

    @Override
    int programUpdate(byte[] key, byte[] value, long flags) {
        return put(new Key(key.clone()), value, flags, false);
    }

    @Override
    int programDelete(byte[] key) {
        return remove(new Key(key)) ? 0 : -Errno.ENOENT;
    }

    /** Inserts or replaces; {@code allCpus}: the value holds every CPU's copy (or one copy for all), else the caller's CPU only. */
    private synchronized int put(Key key, byte[] value, long flags, boolean allCpus) {
        if (flags < 0 || flags > UpdateFlags.BPF_EXIST) {
            return -Errno.EINVAL;
        }
        Integer old = index.get(key);
        if (old == null) {
            if (flags == UpdateFlags.BPF_EXIST) {
                return -Errno.ENOENT;
            }
            if (index.size() >= spec().maxEntries()) {
                if (!lru) {
                    return -Errno.E2BIG;
                }
                evict();
            }
            int slot = free[--freeCount];
            write(slot, value, allCpus, true);
            keyOfSlot[slot] = key;
            touch(slot);
            index.put(key, slot);
            return 0;
        }
        if (flags == UpdateFlags.BPF_NOEXIST) {
            return -Errno.EEXIST;
        }
        if ((perCpu && !allCpus) || freeCount == 0) {
            write(old, value, allCpus, false);
            touch(old);
            return 0;
        }
        int slot = free[--freeCount];
        write(slot, value, allCpus, false);
        keyOfSlot[slot] = key;
        touch(slot);
        index.put(key, slot);
        keyOfSlot[old] = null;
        free[freeCount++] = old;
        return 0;
    }

    /** Writes a value into {@code slot}; a fresh per-CPU entry written by a program gets zeros on the other CPUs. */
    private void write(int slot, byte[] value, boolean allCpus, boolean fresh) {
        long base = slot * slotStride;
        if (!perCpu) {
            MemorySegment.copy(value, 0, slab, ValueLayout.JAVA_BYTE, base, valueSize);
            return;
        }
        if (!allCpus) {
            if (fresh) {
                slab.asSlice(base, slotStride).fill((byte) 0);
            }
            MemorySegment.copy(value, 0, slab, ValueLayout.JAVA_BYTE, base + (long) Cpus.current() * valueStride, valueSize);
            return;
        }
        for (int c = 0; c < cpus; c++) {
            int from = value.length == valueSize ? 0 : c * valueSize;
            MemorySegment.copy(value, from, slab, ValueLayout.JAVA_BYTE, base + (long) c * valueStride, valueSize);
        }
    }

    private synchronized boolean remove(Key key) {
        Integer slot = index.remove(key);
        if (slot == null) {
            return false;
        }
        keyOfSlot[slot] = null;
        free[freeCount++] = slot;
        return true;
    }

    /** Removes the least recently used entry (see the class comment for how exact). */
    private void evict() {
        int slots = keyOfSlot.length;
        int victim = slots <= EXACT_LRU_SLOTS ? -1 : oldest(LRU_SAMPLE, true);
        if (victim < 0) {
            victim = oldest(slots, false);
        }
        if (victim >= 0) {
            remove(keyOfSlot[victim]);
        }
    }

    /** The used slot with the oldest stamp among {@code tries} slots, random or all in order; -1 if none is used. */
    private int oldest(int tries, boolean sample) {
        int victim = -1;
        long oldest = Long.MAX_VALUE;
        for (int n = 0; n < tries; n++) {
            int s = sample ? random.nextInt(keyOfSlot.length) : n;
            if (keyOfSlot[s] != null && lastUsed[s] < oldest) {
                oldest = lastUsed[s];
                victim = s;
            }
        }
        return victim;
    }

    /** Copies the value under the writers' lock, so the host always reads one whole value. */
    @Override
    public synchronized Optional<byte[]> lookup(byte[] key) {
        checkKey(key);
        Integer slot = index.get(new Key(key));
        if (slot == null) {
            return Optional.empty();
        }
        byte[] out = new byte[valueSize * cpus];
        for (int c = 0; c < cpus; c++) {
            MemorySegment.copy(slab, ValueLayout.JAVA_BYTE, slot * slotStride + (long) c * valueStride, out, c * valueSize, valueSize);
        }
        return Optional.of(out);
    }

    /** Sets the value (per-CPU maps: every CPU's copy, or each CPU's part of {@code cpus * valueSize} bytes). */
    @Override
    public void update(byte[] key, byte[] value, long flags) {
        checkKey(key);
        checkValue(value, valueSize, valueSize * cpus);
        hostResult("update", put(new Key(key.clone()), value, flags, true));
    }

    @Override
    public boolean delete(byte[] key) {
        checkKey(key);
        return remove(new Key(key));
    }

    @Override
    public List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>(index.size());
        for (Key k : index.keySet()) {
            keys.add(k.bytes().clone());
        }
        return keys;
    }
}
