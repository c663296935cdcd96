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

    @Test
    void aFilteredReadOfManyRecordsAllocatesAlmostNothing() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < RECORDS; i++) {
            b.append(i % 100 == 0 ? 'a' : 'b').append("-record-").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("many.txt"), b);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Domain d = ExtOS.embedded()) {
            LoadedFilter filter = d.loadAssembly("first-byte", Programs.FIRST_BYTE_MATCHES_ARG, Hook.READ);
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
            assertThat(kept).isEqualTo(RECORDS / 100);
            // A few hundred bytes per call (about 60 calls) is fine; one object per record would be >= 3 MB.
            assertThat(allocated[allocated.length - 1]).as("bytes allocated reading %d records", RECORDS).isLessThan(RECORDS / 4);
        }
    }
}
