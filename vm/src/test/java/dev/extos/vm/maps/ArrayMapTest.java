package dev.extos.vm.maps;

import static dev.extos.vm.maps.MapPrograms.u32;
import static dev.extos.vm.maps.MapPrograms.u64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Engine;
import dev.extos.vm.Executable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Array and per-CPU array maps: fixed entries, kernel flags and errors, concurrent counters. */
class ArrayMapTest {
    private static final MapAccount ACCOUNT = MapAccount.unlimited("tests");

    private static ArrayMap array(MapType type, int valueSize, int entries) {
        return (ArrayMap) BpfMap.create(MapSpec.of("a", type, 4, valueSize, entries), ACCOUNT);
    }

    @Test
    void everyEntryExistsZeroedAndUpdatesReplaceItsBytes() {
        try (ArrayMap a = array(MapType.ARRAY, 6, 3)) {
            assertThat(a.lookup(u32(2))).hasValueSatisfying(v -> assertThat(v).containsExactly(0, 0, 0, 0, 0, 0));
            a.update(u32(2), new byte[] {1, 2, 3, 4, 5, 6}, UpdateFlags.BPF_ANY);
            a.update(u32(1), new byte[] {9, 9, 9, 9, 9, 9}, UpdateFlags.BPF_EXIST);
            assertThat(a.lookup(u32(2)).orElseThrow()).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(a.lookup(u32(1)).orElseThrow()).containsExactly(9, 9, 9, 9, 9, 9);
            assertThat(a.lookup(u32(3))).isEmpty();
            assertThat(a.keys()).hasSize(3);
            // Values are 8-byte aligned in the slab, as the kernel rounds array elements.
            assertThat(a.lookupOffset(u32(2))).isEqualTo(16);
        }
    }

    @Test
    void flagsAndIndexesFailWithTheKernelsErrors() {
        try (ArrayMap a = array(MapType.ARRAY, 8, 2)) {
            assertThatThrownBy(() -> a.update(u32(0), u64(1), UpdateFlags.BPF_NOEXIST)).isInstanceOf(MapOperationException.class)
                    .hasMessageContaining("EEXIST").satisfies(e -> assertThat(((MapOperationException) e).errno()).isEqualTo(Errno.EEXIST));
            assertThatThrownBy(() -> a.update(u32(2), u64(1), UpdateFlags.BPF_ANY)).isInstanceOf(MapOperationException.class)
                    .hasMessageContaining("E2BIG");
            assertThatThrownBy(() -> a.delete(u32(0))).isInstanceOf(MapOperationException.class).hasMessageContaining("EINVAL");
            assertThat(a.programUpdate(u32(0), u64(1), 3)).isEqualTo(-Errno.EINVAL);
            assertThat(a.programUpdate(u32(0), u64(1), UpdateFlags.BPF_NOEXIST)).isEqualTo(-Errno.EEXIST);
            assertThat(a.programUpdate(u32(5), u64(1), UpdateFlags.BPF_ANY)).isEqualTo(-Errno.E2BIG);
            assertThat(a.programDelete(u32(0))).isEqualTo(-Errno.EINVAL);
            assertThatThrownBy(() -> a.update(new byte[3], u64(1), 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key of 3 bytes");
        }
    }

    @Test
    void globalDataMapsStartWithTheirInitialBytes() {
        try (BpfMap data = BpfMap.create(MapSpec.global(".data", 12, new byte[] {7, 8, 9}, false), ACCOUNT)) {
            assertThat(data.lookup(u32(0)).orElseThrow()).containsExactly(7, 8, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    @Test
    void aPerCpuArrayKeepsOneCopyPerCpuSlotAndAProgramSeesItsOwn() throws Exception {
        try (ArrayMap a = array(MapType.PERCPU_ARRAY, 4, 2)) {
            int cpus = Cpus.count();
            a.update(u32(1), new byte[] {1, 0, 0, 0}, UpdateFlags.BPF_ANY);
            assertThat(a.lookup(u32(1)).orElseThrow()).hasSize(4 * cpus);
            for (int c = 0; c < cpus; c++) {
                assertThat(a.lookup(u32(1), c)).containsExactly(1, 0, 0, 0);
            }
            // A program's update touches its own CPU's copy only.
            assertThat(a.programUpdate(u32(1), new byte[] {5, 0, 0, 0}, 0)).isZero();
            assertThat(a.lookup(u32(1), Cpus.current())).containsExactly(5, 0, 0, 0);
            long mine = a.lookupOffset(u32(1));
            assertThat(mine).isEqualTo(1L * 8 * cpus + 8L * Cpus.current());
            if (cpus > 1) {
                int other = (Cpus.current() + 1) % cpus;
                assertThat(a.lookup(u32(1), other)).containsExactly(1, 0, 0, 0);
            }
        }
    }

    @Test
    void manyThreadsCountingWithAtomicAddsLoseNoUpdateOnEitherEngine() throws Exception {
        List<MapSpec> specs = List.of(MapSpec.of("counts", MapType.ARRAY, 4, 8, 1));
        int threads = 6;
        int runs = 3000;
        for (Engine engine : MapPrograms.engines()) {
            try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT); ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                Executable counter = MapPrograms.load(engine, MapProgramsTest.COUNTER, specs);
                List<Future<Long>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        AddressSpace space = MapPrograms.space(maps);
                        long last = 0;
                        for (int i = 0; i < runs; i++) {
                            long now = counter.run(space, 0);
                            assertThat(now).isGreaterThan(last);
                            last = now;
                        }
                        return last;
                    }));
                }
                for (Future<Long> f : done) {
                    assertThat(f.get()).isLessThanOrEqualTo((long) threads * runs);
                }
                assertThat(MapPrograms.u64(maps.get(0).lookup(u32(0)).orElseThrow(), 0)).as(engine.name()).isEqualTo((long) threads * runs);
            }
        }
    }
}
