package dev.extos.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every framing, on seeded random records, through windows far smaller than the file so records
 * are split across window boundaries: what arrives is exactly the kept records, framed as delivered.
 */
class FramingTest {
    private static final long SEED = Long.getLong("extos.io.seed", 7);
    private static final int RECORDS = Integer.getInteger("extos.io.records", 400);

    @TempDir
    Path dir;

    /** Random records of 0..40 bytes, never containing '\n'; about a third start with 'a'. */
    private static List<byte[]> records(Random random) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            byte[] r = new byte[random.nextInt(41)];
            for (int k = 0; k < r.length; k++) {
                r[k] = (byte) ('a' + random.nextInt(3));
            }
            out.add(r);
        }
        return out;
    }

    private interface Encoder {
        void put(ByteArrayOutputStream out, byte[] record);
    }

    private static byte[] encode(List<byte[]> records, Encoder e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] r : records) {
            e.put(out, r);
        }
        return out.toByteArray();
    }

    private static Encoder prefixed(int width, ByteOrder order) {
        return (out, r) -> {
            ByteBuffer b = ByteBuffer.allocate(width).order(order);
            if (width == 2) {
                b.putShort((short) r.length);
            } else {
                b.putInt(r.length);
            }
            out.writeBytes(b.array());
            out.writeBytes(r);
        };
    }

    private void check(Framing framing, List<byte[]> records, Encoder encoder, long window, int buffer) throws IOException {
        Path file = Files.write(dir.resolve("f-" + framing.describe().replace(':', '_') + "-" + window), encode(records, encoder));
        List<byte[]> kept = records.stream().filter(r -> r.length > 0 && r[0] == 'a').toList();
        try (Domain d = Files2.smallWindows(window); ExtFile f = d.open(file, framing)) {
            LoadedFilter filter = d.loadAssembly("first-byte", Programs.FIRST_BYTE_MATCHES_ARG, Hook.READ);

            byte[] got = Files2.readAll(f, filter, ByteBuffer.wrap(new byte[] {'a'}), buffer);

            assertThat(got).as("%s, window %d, buffer %d", framing.describe(), window, buffer).isEqualTo(encode(kept, encoder));
        }
    }

    @Test
    void linesAcrossWindows() throws IOException {
        Random random = new Random(SEED);
        List<byte[]> records = records(random);
        for (long window : new long[] {64, 100, 4096}) {
            check(Framing.lines(), records, (out, r) -> {
                out.writeBytes(r);
                out.write('\n');
            }, window, 200);
        }
    }

    @Test
    void theLastLineNeedsNoNewlineAndKeepsNone() throws IOException {
        Path file = Files.writeString(dir.resolve("last.txt"), "ab\nba\nax");
        try (Domain d = Files2.smallWindows(16); ExtFile f = d.open(file, Framing.lines())) {
            LoadedFilter filter = d.loadAssembly("first-byte", Programs.FIRST_BYTE_MATCHES_ARG, Hook.READ);
            assertThat(new String(Files2.readAll(f, filter, ByteBuffer.wrap(new byte[] {'a'}), 64))).isEqualTo("ab\nax");
        }
    }

    @Test
    void fixedAcrossWindows() throws IOException {
        Random random = new Random(SEED + 1);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            byte[] r = new byte[7];
            for (int k = 0; k < 7; k++) {
                r[k] = (byte) ('a' + random.nextInt(3));
            }
            records.add(r);
        }
        for (long window : new long[] {16, 50, 4096}) {
            check(Framing.fixed(7), records, ByteArrayOutputStream::writeBytes, window, 64);
        }
    }

    @Test
    void everyLengthPrefixAcrossWindows() throws IOException {
        Random random = new Random(SEED + 2);
        List<byte[]> records = records(random);
        for (int width : new int[] {2, 4}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                for (long window : new long[] {64, 4096}) {
                    check(Framing.lengthPrefixed(width, order), records, prefixed(width, order), window, 128);
                }
            }
        }
    }

    @Test
    void aFramerProgramAcrossWindows() throws IOException {
        Random random = new Random(SEED + 3);
        List<byte[]> payloads = records(random).stream().filter(r -> r.length > 0).toList();
        // Each record is its length byte, then the payload; the framer reads the length byte.
        List<byte[]> records = payloads.stream().map(p -> {
            byte[] r = new byte[p.length + 1];
            r[0] = (byte) p.length;
            System.arraycopy(p, 0, r, 1, p.length);
            return r;
        }).toList();
        Path file = Files.write(dir.resolve("framed.bin"), encode(records, ByteArrayOutputStream::writeBytes));
        for (long window : new long[] {64, 4096}) {
            try (Domain d = Files2.smallWindows(window)) {
                Framing framing = Framing.program(d.loadAssembly("by-first-byte", Programs.FRAME_BY_FIRST_BYTE, Hook.FRAME));
                try (ExtFile f = d.open(file, framing)) {
                    byte[] got = Files2.readAll(f, null, null, 100);
                    assertThat(got).isEqualTo(Files.readAllBytes(file));
                }
            }
        }
    }

    @Test
    void aFramerThatReturnsANegativeValueIsAFramingError() throws IOException {
        Path file = Files.write(dir.resolve("bad.bin"), new byte[] {2, 'a', 'b', 0, 'x'});
        try (Domain d = Files2.smallWindows(4096)) {
            Framing framing = Framing.program(d.loadAssembly("by-first-byte", Programs.FRAME_BY_FIRST_BYTE, Hook.FRAME));
            try (ExtFile f = d.open(file, framing)) {
                ByteBuffer dst = ByteBuffer.allocate(64);
                assertThatThrownBy(() -> f.read(dst, null, null))
                        .isInstanceOfSatisfying(FramingException.class, e -> {
                            assertThat(e.offset()).isEqualTo(3);
                            assertThat(e.truncatedRecord()).isFalse();
                        })
                        .hasMessageContaining("by-first-byte returned -1");
                assertThat(dst.position()).isEqualTo(3);
                assertThat(f.position()).isEqualTo(3);
            }
        }
    }

    @Test
    void aTruncatedLastRecordFailsAfterTheWholeOnesAreDelivered() throws IOException {
        Path file = Files.write(dir.resolve("cut.bin"), new byte[] {3, 0, 'a', 'b', 'c', 5, 0, 'x'});
        try (Domain d = Files2.smallWindows(4096); ExtFile f = d.open(file, Framing.lengthPrefixed(2, ByteOrder.LITTLE_ENDIAN))) {
            ByteBuffer dst = ByteBuffer.allocate(64);
            assertThatThrownBy(() -> f.read(dst, null, null))
                    .isInstanceOfSatisfying(FramingException.class, e -> {
                        assertThat(e.truncatedRecord()).isTrue();
                        assertThat(e.offset()).isEqualTo(5);
                    })
                    .hasMessageContaining("cut short by the end of the file (3 bytes left)");
            assertThat(dst.position()).isEqualTo(5);
            assertThat(f.position()).isEqualTo(5);
        }
    }

    @Test
    void aRecordLargerThanTheWindowIsAFramingError() throws IOException {
        Path file = Files.writeString(dir.resolve("wide.txt"), "a".repeat(100) + "\n");
        try (Domain d = Files2.smallWindows(32); ExtFile f = d.open(file, Framing.lines())) {
            assertThatThrownBy(() -> f.read(ByteBuffer.allocate(256), null, null))
                    .isInstanceOf(FramingException.class)
                    .hasMessageContaining("larger than the 32-byte mapping window");
        }
    }

    @Test
    void parseNamesEveryFramingAndRefusesOthers() {
        for (String name : List.of("lines", "fixed:12", "len16le", "len16be", "len32le", "len32be")) {
            assertThat(Framing.parse(name).describe()).isEqualTo(name);
        }
        assertThatThrownBy(() -> Framing.parse("csv")).hasMessageContaining("no framing 'csv'");
        assertThatThrownBy(() -> Framing.parse("fixed:x")).hasMessageContaining("fixed:N needs a record size");
        assertThatThrownBy(() -> Framing.parse("fixed:0")).hasMessageContaining("must be positive");
    }
}
