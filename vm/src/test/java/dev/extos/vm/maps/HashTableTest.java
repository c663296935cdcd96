package dev.extos.vm.maps;

import static dev.extos.vm.maps.MapPrograms.u32;
import static dev.extos.vm.maps.MapPrograms.u64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Hash, LRU hash and per-CPU hash maps: flags, capacity, slot reuse, eviction, concurrency. */
class HashTableTest {
    private static final MapAccount ACCOUNT = MapAccount.unlimited("tests");

    private static HashTable hash(MapType type, int entries) {
        return (HashTable) BpfMap.create(MapSpec.of("h", type, 4, 8, entries), ACCOUNT);
    }

    @Test
    void insertLookupReplaceAndDeleteFollowTheFlags() {
        try (HashTable h = hash(MapType.HASH, 2)) {
            assertThat(h.lookup(u32(1))).isEmpty();
            h.update(u32(1), u64(10), UpdateFlags.BPF_NOEXIST);
            assertThatThrownBy(() -> h.update(u32(1), u64(11), UpdateFlags.BPF_NOEXIST)).hasMessageContaining("EEXIST");
            assertThatThrownBy(() -> h.update(u32(2), u64(20), UpdateFlags.BPF_EXIST)).hasMessageContaining("ENOENT");
            h.update(u32(1), u64(12), UpdateFlags.BPF_EXIST);
            h.update(u32(2), u64(20), UpdateFlags.BPF_ANY);
            assertThat(u64(h.lookup(u32(1)).orElseThrow(), 0)).isEqualTo(12);
            assertThatThrownBy(() -> h.update(u32(3), u64(30), UpdateFlags.BPF_ANY)).hasMessageContaining("E2BIG");
            assertThat(h.programUpdate(u32(3), u64(30), 0)).isEqualTo(-Errno.E2BIG);
            assertThat(h.programUpdate(u32(3), u64(30), 7)).isEqualTo(-Errno.EINVAL);
            assertThat(h.delete(u32(2))).isTrue();
            assertThat(h.delete(u32(2))).isFalse();
            assertThat(h.programDelete(u32(2))).isEqualTo(-Errno.ENOENT);
            h.update(u32(3), u64(30), UpdateFlags.BPF_ANY);
            assertThat(h.keys()).extracting(k -> u64(new byte[] {k[0], k[1], k[2], k[3], 0, 0, 0, 0}, 0))
                    .containsExactlyInAnyOrder(1L, 3L);
            assertThat(h.size()).isEqualTo(2);
        }
    }

    @Test
    void replacingAValueMovesTheKeyToAnotherSlotSoAHeldPointerKeepsTheOldBytes() {
        try (HashTable h = hash(MapType.HASH, 4)) {
            h.update(u32(1), u64(100), 0);
            long before = h.lookupOffset(u32(1));
            h.update(u32(1), u64(200), 0);
            long after = h.lookupOffset(u32(1));
            assertThat(after).isNotEqualTo(before);
            assertThat(h.slab.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, before)).isEqualTo(100);
            assertThat(h.slab.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, after)).isEqualTo(200);
            // Every offset stays inside the slab, also after many replacements and deletes.
            for (int i = 0; i < 100; i++) {
                h.update(u32(i % 4), u64(i), 0);
                if (i % 3 == 0) {
                    h.delete(u32((i + 1) % 4));
                }
                long off = h.lookupOffset(u32(i % 4));
                assertThat(off).isBetween(0L, h.slab.byteSize() - 8);
            }
        }
    }

    @Test
    void aFullLruHashEvictsTheLeastRecentlyUsedKey() {
        try (HashTable h = hash(MapType.LRU_HASH, 4)) {
            for (int k = 1; k <= 4; k++) {
                h.update(u32(k), u64(k), 0);
            }
            h.lookupOffset(u32(1));
            h.lookupOffset(u32(3));
            h.lookupOffset(u32(4));
            h.update(u32(5), u64(5), 0);
            assertThat(h.lookup(u32(2))).isEmpty();
            assertThat(h.size()).isEqualTo(4);
            h.update(u32(6), u64(6), UpdateFlags.BPF_NOEXIST);
            assertThat(h.lookup(u32(1))).isEmpty();
            assertThat(h.lookup(u32(5))).isPresent();
            assertThat(h.lookup(u32(6))).isPresent();
        }
    }

    @Test
    void aPerCpuHashInsertFromAProgramSetsItsCpuAndZeroesTheOthers() {
        try (HashTable h = hash(MapType.PERCPU_HASH, 4)) {
            int cpus = Cpus.count();
            assertThat(h.programUpdate(u32(1), u64(7), 0)).isZero();
            byte[] all = h.lookup(u32(1)).orElseThrow();
            assertThat(all).hasSize(8 * cpus);
            for (int c = 0; c < cpus; c++) {
                assertThat(u64(all, 8 * c)).isEqualTo(c == Cpus.current() ? 7 : 0);
            }
            h.update(u32(1), u64(3), 0);
            all = h.lookup(u32(1)).orElseThrow();
            for (int c = 0; c < cpus; c++) {
                assertThat(u64(all, 8 * c)).isEqualTo(3);
            }
        }
    }

    @Test
    void threadsInsertingDeletingAndReadingKeepEveryValueWholeAndTheCountExact() throws Exception {
        int threads = 6;
        int perThread = 300;
        try (HashTable h = hash(MapType.HASH, threads * perThread); ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(id);
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < perThread; i++) {
                            int key = id * perThread + i;
                            // A value is 8 copies of one byte, so a torn read would show two different bytes.
                            byte b = (byte) (key + round);
                            assertThat(h.programUpdate(u32(key), new byte[] {b, b, b, b, b, b, b, b}, 0)).isZero();
                            byte[] v = h.lookup(u32(random.nextInt(threads * perThread))).orElse(new byte[8]);
                            for (byte x : v) {
                                assertThat(x).isEqualTo(v[0]);
                            }
                        }
                        for (int i = 0; i < perThread; i += 2) {
                            assertThat(h.programDelete(u32(id * perThread + i))).isZero();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertThat(h.size()).isEqualTo(threads * perThread / 2);
            for (int key = 0; key < threads * perThread; key++) {
                byte[] v = h.lookup(u32(key)).orElse(null);
                if (key % perThread % 2 == 0) {
                    assertThat(v).isNull();
                } else {
                    assertThat(v).containsOnly((byte) (key + 4));
                }
            }
        }
    }

    @Test
    void threadsFillingASmallLruHashNeverExceedItsSizeAndKeepKeysWithTheirValues() throws Exception {
        int threads = 6;
        try (HashTable h = hash(MapType.LRU_HASH, 32); ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(100 + id);
                    for (int i = 0; i < 5000; i++) {
                        int key = random.nextInt(500);
                        assertThat(h.programUpdate(u32(key), u64(key * 3L), 0)).isZero();
                        h.lookupOffset(u32(random.nextInt(500)));
                        assertThat(h.size()).isLessThanOrEqualTo(32);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertThat(h.size()).isEqualTo(32);
            for (byte[] k : h.keys()) {
                long key = u64(new byte[] {k[0], k[1], k[2], k[3], 0, 0, 0, 0}, 0);
                assertThat(u64(h.lookup(k).orElseThrow(), 0)).isEqualTo(key * 3);
            }
        }
    }
}
