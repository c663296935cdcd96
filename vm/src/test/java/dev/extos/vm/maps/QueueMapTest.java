package dev.extos.vm.maps;

import static dev.extos.vm.maps.MapPrograms.u64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import org.junit.jupiter.api.Test;

/** Queue and stack maps: order, capacity, overwrite with BPF_EXIST. */
class QueueMapTest {
    private static final MapAccount ACCOUNT = MapAccount.unlimited("tests");

    private static QueueMap make(MapType type) {
        return (QueueMap) BpfMap.create(MapSpec.of("q", type, 0, 8, 3), ACCOUNT);
    }

    @Test
    void aFullQueueRefusesOrDropsItsOldestWithBpfExist() {
        try (QueueMap q = make(MapType.QUEUE)) {
            for (int i = 1; i <= 3; i++) {
                q.push(u64(i), false);
            }
            assertThatThrownBy(() -> q.push(u64(4), false)).isInstanceOf(MapOperationException.class).hasMessageContaining("E2BIG");
            q.push(u64(4), true);
            assertThat(u64(q.peek().orElseThrow(), 0)).isEqualTo(2);
            assertThat(u64(q.pop().orElseThrow(), 0)).isEqualTo(2);
            assertThat(u64(q.pop().orElseThrow(), 0)).isEqualTo(3);
            assertThat(u64(q.pop().orElseThrow(), 0)).isEqualTo(4);
            assertThat(q.pop()).isEmpty();
            assertThat(q.take(true)).isNull();
            assertThat(q.push(u64(1), UpdateFlags.BPF_NOEXIST)).isEqualTo(-Errno.EINVAL);
        }
    }

    @Test
    void aStackPopsTheNewestAndOverwritesItsOldestWhenFull() {
        try (QueueMap s = make(MapType.STACK)) {
            for (int i = 1; i <= 3; i++) {
                s.push(u64(i), false);
            }
            s.push(u64(4), true);
            assertThat(u64(s.pop().orElseThrow(), 0)).isEqualTo(4);
            assertThat(u64(s.pop().orElseThrow(), 0)).isEqualTo(3);
            assertThat(u64(s.pop().orElseThrow(), 0)).isEqualTo(2);
            assertThat(s.pop()).isEmpty();
            assertThatThrownBy(() -> s.lookup(new byte[0])).hasMessageContaining("EINVAL");
        }
    }

    @Test
    void aQueueNeedsNoKeys() {
        assertThatThrownBy(() -> BpfMap.create(MapSpec.of("q", MapType.QUEUE, 4, 8, 3), ACCOUNT))
                .isInstanceOf(MapOperationException.class).hasMessageContaining("key size must be 0, not 4");
    }
}
