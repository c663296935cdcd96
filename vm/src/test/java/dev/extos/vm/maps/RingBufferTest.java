package dev.extos.vm.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The ring buffer: record order, discard, wrap-around, full, wake-ups, concurrent producers. */
class RingBufferTest {
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final MapAccount ACCOUNT = MapAccount.unlimited("tests");

    private static RingBuffer ring(int size) {
        return (RingBuffer) BpfMap.create(MapSpec.of("rb", MapType.RINGBUF, 0, 0, size), ACCOUNT);
    }

    private static void write(RingBuffer r, long at, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            r.slab.set(ValueLayout.JAVA_BYTE, at + i, (byte) bytes[i]);
        }
    }

    @Test
    void recordsAreConsumedInReservationOrderOnceSubmittedAndDiscardsAreSkipped() {
        try (RingBuffer r = ring(256)) {
            long a = r.reserve(3, 0);
            long b = r.reserve(5, 0);
            long c = r.reserve(1, 0);
            assertThat(a).isEqualTo(8);
            assertThat(b).isEqualTo(8 + 8 + 8);
            write(r, a, 1, 2, 3);
            write(r, b, 4, 5, 6, 7, 8);
            write(r, c, 9);
            assertThat(r.commit(b, false, 0)).isTrue();
            assertThat(r.drain()).isEmpty();
            assertThat(r.commit(a, false, 0)).isTrue();
            assertThat(r.drain()).containsExactly(new byte[] {1, 2, 3}, new byte[] {4, 5, 6, 7, 8});
            assertThat(r.commit(c, true, 0)).isTrue();
            assertThat(r.drain()).isEmpty();
            assertThat(r.pending()).isZero();
            // A second submit of the same record, or a pointer reserve did not return, is refused.
            assertThat(r.commit(c, false, 0)).isFalse();
            assertThat(r.commit(c + 8, false, 0)).isFalse();
            assertThat(r.commit(4, false, 0)).isFalse();
        }
    }

    @Test
    void aFullRingRefusesUntilTheConsumerFreesSpaceAndRecordsNeverWrapInMemory() {
        try (RingBuffer r = ring(64)) {
            assertThat(r.reserve(0, 0)).isEqualTo(-1);
            assertThat(r.reserve(8, 1)).isEqualTo(-1);
            assertThat(r.reserve(64, 0)).isEqualTo(-1);
            int produced = 0;
            List<byte[]> got = new ArrayList<>();
            for (int round = 0; round < 50; round++) {
                int len = 1 + (round * 7) % 20;
                long at = r.reserve(len, 0);
                if (at < 0) {
                    assertThat(r.output(new byte[len], 0)).isEqualTo(-Errno.EAGAIN);
                    got.addAll(r.drain());
                    at = r.reserve(len, 0);
                }
                assertThat(at + len).isLessThanOrEqualTo(64);
                byte[] bytes = new byte[len];
                java.util.Arrays.fill(bytes, (byte) round);
                MemorySegment.copy(bytes, 0, r.slab, ValueLayout.JAVA_BYTE, at, len);
                r.commit(at, false, 0);
                produced++;
            }
            got.addAll(r.drain());
            assertThat(got).hasSize(produced);
            for (int round = 0; round < got.size(); round++) {
                assertThat(got.get(round)).hasSize(1 + (round * 7) % 20).containsOnly((byte) round);
            }
        }
    }

    @Test
    void aRingBufferSizeIsAPowerOfTwo() {
        assertThatThrownBy(() -> ring(100)).isInstanceOf(MapOperationException.class).hasMessageContaining("power of two");
    }

    @Test
    void pollWaitsForAProducersWakeUpAndTimesOutWithoutOne() throws Exception {
        try (RingBuffer r = ring(1024); ExecutorService pool = Executors.newSingleThreadExecutor()) {
            List<byte[]> got = new ArrayList<>();
            assertThat(r.poll(Duration.ofMillis(20), s -> got.add(s.toArray(ValueLayout.JAVA_BYTE)))).isZero();
            CountDownLatch polling = new CountDownLatch(1);
            Future<Integer> consumer = pool.submit(() -> {
                polling.countDown();
                return r.poll(Duration.ofSeconds(30), s -> got.add(s.toArray(ValueLayout.JAVA_BYTE)));
            });
            polling.await();
            r.offer(new byte[] {42});
            assertThat(consumer.get()).isEqualTo(1);
            assertThat(got).containsExactly(new byte[] {42});
        }
    }

    @Test
    void manyProducersAndOneConsumerLoseNoRecordAndKeepEachProducersOrder() throws Exception {
        int producers = 4;
        int each = 4000;
        try (RingBuffer r = ring(4096); ExecutorService pool = Executors.newFixedThreadPool(producers + 1)) {
            AtomicBoolean done = new AtomicBoolean();
            int[] last = new int[producers];
            java.util.Arrays.fill(last, -1);
            int[] total = new int[1];
            Future<?> consumer = pool.submit(() -> {
                while (true) {
                    boolean finished = done.get();
                    int n = r.drain(s -> {
                        int producer = s.get(LE_INT, 0);
                        int seq = s.get(LE_INT, 4);
                        // In order per producer; discarded records (every fifth) never arrive.
                        assertThat(seq).isGreaterThan(last[producer]);
                        assertThat(seq % 5).isNotEqualTo(4);
                        last[producer] = seq;
                        total[0]++;
                    });
                    if (finished && n == 0) {
                        return;
                    }
                }
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int id = p;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        long at;
                        while ((at = r.reserve(8 + (i % 3) * 8, 0)) < 0) {
                            if (consumer.isDone()) {
                                throw new AssertionError("the consumer stopped while producers were still writing");
                            }
                            Thread.onSpinWait();
                        }
                        r.slab.set(LE_INT, at, id);
                        r.slab.set(LE_INT, at + 4, i);
                        assertThat(r.commit(at, i % 5 == 4, 0)).isTrue();
                    }
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
            done.set(true);
            consumer.get();
            assertThat(total[0]).isEqualTo(producers * (each - each / 5));
        }
    }
}
