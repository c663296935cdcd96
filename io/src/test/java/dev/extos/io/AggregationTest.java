package dev.extos.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import dev.extos.isa.asm.Assembler;
import dev.extos.vm.maps.BpfMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aggregation is a map: a filter counts and sums into it and drops every record; the application reads the map. */
class AggregationTest {
    /** Counts the records (slot 0) and sums their lengths (slot 1) of an array map, keeping none. */
    static final String COUNT_AND_SUM = """
            ldxw %r6, [%r1+0]
            ldxw %r7, [%r1+4]
            sub %r7, %r6
            mov %r2, 0
            stxw [%r10-4], %r2
            lddw %r1, map_fd 0
            mov %r2, %r10
            add %r2, -4
            call 1
            jeq %r0, 0, done
            mov %r1, 1
            lock add [%r0+0], %r1
            lock add [%r0+8], %r7
            done:
            mov %r0, 0
            exit
            """;

    @TempDir
    Path dir;

    @Test
    void aFilterThatDropsEverythingLeavesItsCountAndSumInTheMap() throws IOException {
        StringBuilder text = new StringBuilder();
        long lengths = 0;
        for (int i = 0; i < 5000; i++) {
            String line = "record " + i + " " + "x".repeat(i % 37);
            text.append(line).append('\n');
            lengths += line.length();
        }
        Path file = Files.writeString(dir.resolve("data.txt"), text);
        List<MapSpec> maps = List.of(MapSpec.of("totals", MapType.ARRAY, 4, 16, 1));
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines())) {
            LoadedFilter counter = d.load("count", Assembler.assemble(COUNT_AND_SUM), Hook.READ, maps);
            ByteBuffer dst = ByteBuffer.allocate(4096);

            IoStats stats = f.read(dst, counter, ByteBuffer.allocate(0));

            assertThat(stats.recordsSeen()).isEqualTo(5000);
            assertThat(stats.recordsKept()).isZero();
            assertThat(dst.position()).isZero();
            BpfMap totals = counter.map("totals").orElseThrow();
            ByteBuffer value = ByteBuffer.wrap(totals.lookup(new byte[4]).orElseThrow()).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(value.getLong(0)).isEqualTo(5000);
            assertThat(value.getLong(8)).isEqualTo(lengths);
        }
    }

    @Test
    void aCountingFilterRunsExactlyOncePerRecordHoweverSmallTheReads() throws IOException {
        // Filters run ahead on a batch of records; they must never run on one the call then leaves
        // for the next call, or a counting filter would count it twice.
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append("line ").append(i).append(' ').append("y".repeat(i % 53)).append('\n');
        }
        Path file = Files.writeString(dir.resolve("keep.txt"), text);
        String countAndKeep = COUNT_AND_SUM.replace("done:\nmov %r0, 0", "done:\nmov32 %r0, -1");
        List<MapSpec> maps = List.of(MapSpec.of("totals", MapType.ARRAY, 4, 16, 1));
        java.util.Random random = new java.util.Random(7);
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines())) {
            LoadedFilter counter = d.load("count", Assembler.assemble(countAndKeep), Hook.READ, maps);
            java.io.ByteArrayOutputStream delivered = new java.io.ByteArrayOutputStream();
            IoStats s;
            do {
                ByteBuffer dst = ByteBuffer.allocate(64 + random.nextInt(400));
                s = f.read(dst, counter, null);
                delivered.write(dst.array(), 0, dst.position());
            } while (!s.endOfFile());

            assertThat(delivered.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(text.toString());
            BpfMap totals = counter.map("totals").orElseThrow();
            ByteBuffer value = ByteBuffer.wrap(totals.lookup(new byte[4]).orElseThrow()).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(value.getLong(0)).isEqualTo(3000);

            f.position(0);
            assertThat(f.records(counter, null).count()).isEqualTo(3000);
            value = ByteBuffer.wrap(totals.lookup(new byte[4]).orElseThrow()).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(value.getLong(0)).isEqualTo(6000);
        }
    }

    @Test
    void closingTheDomainGivesTheMapsMemoryBack() {
        dev.extos.io.internal.EmbeddedDomain d = new dev.extos.io.internal.EmbeddedDomain(dev.extos.vm.Engines.jit(),
                dev.extos.io.internal.EmbeddedDomain.DEFAULT_WINDOW);
        d.load("count", Assembler.assemble(COUNT_AND_SUM), Hook.READ, List.of(MapSpec.of("totals", MapType.ARRAY, 4, 16, 1000)));
        assertThat(d.mapBytes()).isGreaterThanOrEqualTo(16_000);
        d.close();
        assertThat(d.mapBytes()).isZero();
    }
}
