package dev.extos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.isa.MapType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KernelMapTest {

    @BeforeAll
    static void needsBpf() {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    @Test
    void aHashMapStoresLooksUpIteratesAndDeletes() throws Exception {
        try (KernelMap m = KernelMap.create("extos_test_hash", MapType.HASH.id(), 4, 8, 16, 0)) {
            for (int k = 0; k < 10; k++) {
                m.update(u32(k), u64(k * 1000L), KernelMap.BPF_ANY);
            }
            assertThat(m.lookup(u32(7))).hasValueSatisfying(v -> assertThat(v).isEqualTo(u64(7000)));
            assertThat(m.lookup(u32(42))).isEmpty();
            Set<Integer> keys = new HashSet<>();
            for (byte[] k : m.keys()) {
                keys.add(ByteBuffer.wrap(k).order(ByteOrder.LITTLE_ENDIAN).getInt());
            }
            assertThat(keys).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(m.delete(u32(3))).isTrue();
            assertThat(m.delete(u32(3))).isFalse();
            assertThat(m.lookup(u32(3))).isEmpty();
            assertThat(m.keys()).hasSize(9);
        }
    }

    @Test
    void updateFlagsAreEnforcedByTheKernelWithTheirErrno() throws Exception {
        try (KernelMap m = KernelMap.create("extos_flags", MapType.HASH.id(), 4, 8, 4, 0)) {
            m.update(u32(1), u64(1), KernelMap.BPF_NOEXIST);
            assertThatThrownBy(() -> m.update(u32(1), u64(2), KernelMap.BPF_NOEXIST))
                    .isInstanceOfSatisfying(KernelMapException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("EEXIST");
                        assertThat(e.getMessage()).contains("extos_flags").contains("BPF_MAP_UPDATE_ELEM").contains("EEXIST");
                    });
            assertThatThrownBy(() -> m.update(u32(2), u64(2), KernelMap.BPF_EXIST))
                    .isInstanceOfSatisfying(KernelMapException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOENT"));
            for (int k = 2; k <= 4; k++) {
                m.update(u32(k), u64(k), KernelMap.BPF_ANY);
            }
            assertThatThrownBy(() -> m.update(u32(5), u64(5), KernelMap.BPF_ANY))
                    .isInstanceOfSatisfying(KernelMapException.class, e -> assertThat(e.errnoName()).isEqualTo("E2BIG"));
            assertThat(m.lookup(u32(1))).hasValueSatisfying(v -> assertThat(v).isEqualTo(u64(1)));
        }
    }

    @Test
    void anArrayHasEveryKeyAndCannotDelete() throws Exception {
        try (KernelMap m = KernelMap.create("extos_array", MapType.ARRAY.id(), 4, 8, 3, 0)) {
            assertThat(m.lookup(u32(2))).hasValueSatisfying(v -> assertThat(v).isEqualTo(u64(0)));
            assertThat(m.keys()).hasSize(3);
            assertThatThrownBy(() -> m.delete(u32(0)))
                    .isInstanceOfSatisfying(KernelMapException.class, e -> assertThat(e.errnoName()).isEqualTo("EINVAL"));
            m.freeze();
            assertThatThrownBy(() -> m.update(u32(0), u64(1), KernelMap.BPF_ANY))
                    .isInstanceOfSatisfying(KernelMapException.class, e -> assertThat(e.errnoName()).isEqualTo("EPERM"));
        }
    }

    @Test
    void infoIsTheKernelsDescription() throws Exception {
        try (KernelMap m = KernelMap.create("some-map.name-too-long", MapType.LRU_HASH.id(), 8, 16, 32, 0)) {
            MapInfo info = m.info();
            assertThat(info.type()).isEqualTo(MapType.LRU_HASH.id());
            assertThat(info.id()).isPositive();
            assertThat(List.of(info.keySize(), info.valueSize(), info.maxEntries())).containsExactly(8, 16, 32);
            assertThat(info.name()).isEqualTo("some_map.name_t");
        }
    }

    @Test
    void creationFailuresQuoteTheErrno() {
        assertThatThrownBy(() -> KernelMap.create("bad", MapType.ARRAY.id(), 8, 8, 4, 0))
                .isInstanceOfSatisfying(KernelRejectedException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EINVAL");
                    assertThat(e.getMessage()).contains("BPF_MAP_CREATE");
                });
    }

    @Test
    void noFileDescriptorLeaks() throws Exception {
        KernelMap.create("warm", MapType.HASH.id(), 4, 4, 1, 0).close();
        long before = openFds();
        for (int i = 0; i < 50; i++) {
            try (KernelMap m = KernelMap.create("leak" + i, MapType.HASH.id(), 4, 4, 4, 0)) {
                m.update(u32(i), u32(i), KernelMap.BPF_ANY);
                assertThat(m.lookup(u32(i + 1))).isEmpty();
            }
            try {
                KernelMap.create("bad", MapType.ARRAY.id(), 8, 8, 4, 0).close();
            } catch (KernelRejectedException expected) {
                // a refused creation leaves no descriptor behind
            }
        }
        assertThat(openFds()).isEqualTo(before);
    }

    static long openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
