package dev.extos.vm.helpers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.verifier.HelperCatalog;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.HelperFunction;
import dev.extos.vm.HelperTable;
import dev.extos.vm.MemoryFault;
import dev.extos.vm.TraceLog;
import dev.extos.vm.maps.Cpus;
import dev.extos.vm.maps.Errno;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The standard helpers outside maps: the catalog pairing, time, CPU ids, trace_printk and ExtOS's byte helpers. */
class StandardHelpersTest {
    private final TraceLog trace = new TraceLog(8);
    private final HelperTable table = HelperTable.standard(trace);
    private final AddressSpace memory = new AddressSpace();

    /** Maps {@code text} as data and returns its address. */
    private long data(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        MemorySegment s = AddressSpace.allocate(b.length);
        s.copyFrom(MemorySegment.ofArray(b));
        return memory.map("data", s, true);
    }

    private long call(int id, long a, long b, long c, long d, long e) {
        HelperFunction f = table.get(id).function();
        return f.call(memory, a, b, c, d, e);
    }

    @Test
    void everyCatalogHelperIsImplementedWithItsPrototype() {
        assertThat(table.prototypes()).isEqualTo(HelperCatalog.all());
        assertThat(HelperTable.standard().prototypes()).isEqualTo(HelperCatalog.all());
    }

    @Test
    void timeMovesForwardAndCpuIdsAreSlotsThatThreadsDoNotShare() throws Exception {
        long t0 = call(5, 0, 0, 0, 0, 0);
        assertThat(call(5, 0, 0, 0, 0, 0)).isGreaterThanOrEqualTo(t0);
        assertThat(call(7, 0, 0, 0, 0, 0)).isBetween(0L, 0xffffffffL);
        assertThat(call(8, 0, 0, 0, 0, 0)).isEqualTo(Cpus.current());
        int threads = Math.min(Cpus.count(), 4);
        Set<Long> ids = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(threads);
            java.util.List<Future<Long>> got = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                got.add(pool.submit(() -> {
                    long id = call(8, 0, 0, 0, 0, 0);
                    together.await();
                    return id;
                }));
            }
            for (Future<Long> f : got) {
                ids.add(f.get());
            }
        }
        // Live threads hold distinct slots while there are enough (the test thread holds one too).
        assertThat(ids).hasSizeGreaterThanOrEqualTo(Math.min(threads, Cpus.count() - 1)).allMatch(i -> i >= 0 && i < Cpus.count());
    }

    private long printk(String format, long a, long b, long c) {
        return call(6, data(format), format.length(), a, b, c);
    }

    @Test
    void tracePrintkFormatsAsTheKernelDoesIntoTheLog() {
        assertThat(printk("n=%d u=%u x=%x\n\0", -1, -1, 255)).isEqualTo("n=-1 u=4294967295 x=ff\n".length());
        printk("%lld %llu %llx\0", -1, -1, -1);
        printk("%lx %i\0", 0x1234, 7, 0);
        printk("[%5d|%-5d|%05d]\0", 42, 42, 42);
        printk("%c%% %X %+d\0", 'A', 0xab, 3);
        long s = data("hello\0");
        printk("%s, %p\0", s, 0x10, 0);
        printk("%s\0", 8, 0, 0);
        assertThat(trace.drain()).containsExactly("n=-1 u=4294967295 x=ff", "-1 18446744073709551615 ffffffffffffffff", "1234 7",
                "[   42|42   |00042]", "A% AB +3", "hello, 0x10", "(fault)");
        assertThat(trace.lines()).isEmpty();
    }

    @Test
    void tracePrintkRefusesWhatTheKernelRefuses() {
        assertThat(printk("no terminator", 0, 0, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(printk("%q\0", 0, 0, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(printk("%d %d %d %d\0", 1, 2, 3)).isEqualTo(-Errno.EINVAL);
        assertThat(printk("%lls\0", 0, 0, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(printk("100%\0", 0, 0, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(trace.lines()).isEmpty();
        assertThatThrownBy(() -> call(6, 0, 4, 0, 0, 0)).isInstanceOf(MemoryFault.class).hasMessageContaining("trace_printk");
    }

    @Test
    void aFullTraceLogDropsItsOldestLines() {
        for (int i = 0; i < 10; i++) {
            printk("line %d\0", i, 0, 0);
        }
        assertThat(trace.lines()).hasSize(8).startsWith("line 2").endsWith("line 9");
        assertThat(trace.dropped()).isEqualTo(2);
    }

    @Test
    void findByteAndFindReturnTheFirstIndexOrMinusOne() {
        long s = data("GET /a HTTP/1.1\" 503 12");
        assertThat(call(1000, s, 23, ' ', 0, 0)).isEqualTo(3);
        assertThat(call(1000, s, 3, ' ', 0, 0)).isEqualTo(-1);
        assertThat(call(1000, s, 0, 'G', 0, 0)).isEqualTo(-1);
        assertThat(call(1000, s, 23, 0x100 + '5', 0, 0)).isEqualTo(17);
        long needle = data("\" 5");
        assertThat(call(1001, s, 23, needle, 3, 0)).isEqualTo(15);
        assertThat(call(1001, s, 18, needle, 3, 0)).isEqualTo(15);
        assertThat(call(1001, s, 17, needle, 3, 0)).isEqualTo(-1);
        assertThatThrownBy(() -> call(1000, s, 24, ' ', 0, 0)).isInstanceOf(MemoryFault.class);
        assertThatThrownBy(() -> call(1000, s, -1, ' ', 0, 0)).isInstanceOf(MemoryFault.class).hasMessageContaining("extos_find_byte");
    }

    @Test
    void memcmpOrdersBytesUnsignedAndAPrefixFirst() {
        long a = data("abc\u00ff");
        long b = data("abd");
        assertThat(call(1002, a, 3, b, 3, 0)).isEqualTo(-1);
        assertThat(call(1002, b, 3, a, 3, 0)).isEqualTo(1);
        assertThat(call(1002, a, 2, b, 2, 0)).isZero();
        assertThat(call(1002, a, 2, b, 3, 0)).isEqualTo(-1);
        long c = data("abc\u0001");
        assertThat(call(1002, a, 4, c, 4, 0)).isEqualTo(1);
    }

    @Test
    void parseU64ReadsDecimalAndHexAndReportsTheKernelsErrors() {
        long out = data("\0\0\0\0\0\0\0\0");
        assertThat(call(1003, data("1234 rest"), 9, 10, out, 0)).isEqualTo(4);
        assertThat(memory.load64(out)).isEqualTo(1234);
        assertThat(call(1003, data("0xFFff"), 6, 16, out, 0)).isEqualTo(6);
        assertThat(memory.load64(out)).isEqualTo(0xffff);
        assertThat(call(1003, data("7fz"), 3, 16, out, 0)).isEqualTo(2);
        assertThat(memory.load64(out)).isEqualTo(0x7f);
        assertThat(call(1003, data("18446744073709551615"), 20, 10, out, 0)).isEqualTo(20);
        assertThat(memory.load64(out)).isEqualTo(-1L);
        memory.store64(out, 5);
        assertThat(call(1003, data("18446744073709551616"), 20, 10, out, 0)).isEqualTo(-Errno.ERANGE);
        assertThat(call(1003, data("10000000000000000"), 17, 16, out, 0)).isEqualTo(-Errno.ERANGE);
        assertThat(call(1003, data("x1"), 2, 10, out, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(call(1003, data("12"), 0, 10, out, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(call(1003, data("12"), 2, 8, out, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(memory.load64(out)).as("0 stored on error: the verifier counts the result as written").isZero();
    }

    @Test
    void hashIsFnv1a64WithTheSeedXoredIntoTheBasis() {
        // Published FNV-1a 64 test vectors.
        assertThat(call(1004, data("a"), 0, 0, 0, 0)).isEqualTo(0xcbf29ce484222325L);
        assertThat(call(1004, data("a"), 1, 0, 0, 0)).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(call(1004, data("foobar"), 6, 0, 0, 0)).isEqualTo(0x85944171f73967e8L);
        long seeded = call(1004, data("foobar"), 6, 42, 0, 0);
        assertThat(seeded).isNotEqualTo(0x85944171f73967e8L).isEqualTo(ByteHelpers.fnv1a("foobar".getBytes(StandardCharsets.US_ASCII), 42));
    }
}
