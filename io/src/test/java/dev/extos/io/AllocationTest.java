package dev.extos.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading allocates per call, never per record: the JVM's per-thread allocation counter proves it. */
class AllocationTest {
    private static final int RECORDS = 200_000;

    @TempDir
    Path dir;

    /** Keeps records holding a '7', found by extos_find_byte over the whole record. */
    private static final String HAS_SEVEN = """
            ldxw %r2, [%r1+4]
            ldxw %r1, [%r1+0]
            sub %r2, %r1
            mov %r3, 0x37
            call 1000
            mov %r1, %r0
            mov32 %r0, 0
            jslt %r1, 0, +1
            mov32 %r0, -1
            exit
            """;

    @Test
    void aFilteredReadOfManyRecordsAllocatesAlmostNothing() throws IOException {
        assertThat(allocatedReading(Programs.FIRST_BYTE_MATCHES_ARG, RECORDS / 100)).isLessThan(RECORDS / 4);
    }

    @Test
    void aFilterCallingAHelperOnEveryRecordAllocatesAlmostNothing() throws IOException {
        long sevens = java.util.stream.IntStream.range(0, RECORDS)
                .filter(i -> (i % 100 == 0 ? "a" : "b").concat("-record-" + i).indexOf('7') >= 0).count();
        assertThat(allocatedReading(HAS_SEVEN, sevens)).isLessThan(RECORDS / 4);
    }

    /** Bytes the last of four reads of the file allocated, after checking it kept {@code expectedKept} records. */
    private long allocatedReading(String program, long expectedKept) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < RECORDS; i++) {
            b.append(i % 100 == 0 ? 'a' : 'b').append("-record-").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("many.txt"), b);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Domain d = ExtOS.embedded()) {
            LoadedFilter filter = d.loadAssembly("filter", program, Hook.READ);
            ByteBuffer args = ByteBuffer.wrap(new byte[] {'a'});
            ByteBuffer dst = ByteBuffer.allocateDirect(1 << 16);
            long[] allocated = new long[4];
            long kept = 0;
            for (int round = 0; round < allocated.length; round++) {  // early rounds warm up the JIT
                try (ExtFile f = d.open(file, Framing.lines())) {
                    long before = threads.getCurrentThreadAllocatedBytes();
                    kept = 0;
                    IoStats s;
                    do {
                        dst.clear();
                        s = f.read(dst, filter, args);
                        kept += s.recordsKept();
                    } while (!s.endOfFile());
                    allocated[round] = threads.getCurrentThreadAllocatedBytes() - before;
                }
            }
            assertThat(kept).isEqualTo(expectedKept);
            // A few hundred bytes per call (about 60 calls) is fine; one object per record would be >= 3 MB.
            return allocated[allocated.length - 1];
        }
    }
}
