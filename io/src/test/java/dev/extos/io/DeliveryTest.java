package dev.extos.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the framing, the verdicts and how the reads are cut, what a read or transfer delivers
 * is exactly what a record-by-record model of the delivery rules gives: runs of whole kept
 * records copied at once, kept prefixes, drops and the end of each call all line up.
 */
class DeliveryTest {
    @TempDir
    Path dir;

    @Test
    void readsAndTransfersDeliverWhatTheModelSays() throws IOException {
        long seed = Long.getLong("extos.io.seed", 20261201);
        Random random = new Random(seed);
        List<Framing> framings = List.of(Framing.lines(), Framing.fixed(7), Framing.lengthPrefixed(2, ByteOrder.LITTLE_ENDIAN),
                Framing.lengthPrefixed(4, ByteOrder.BIG_ENDIAN));
        try (Domain d = ExtOS.embedded()) {
            LoadedFilter filter = d.loadAssembly("by-first-byte", Programs.VERDICT_BY_FIRST_BYTE, Hook.READ);
            for (int round = 0; round < 40; round++) {
                for (Framing framing : framings) {
                    List<byte[]> payloads = payloads(random, framing);
                    Path file = dir.resolve("f" + round + ".dat");
                    boolean lastNewline = random.nextBoolean();
                    Files.write(file, fileBytes(payloads, framing, lastNewline));
                    byte[] expected = expected(payloads, framing, lastNewline);
                    String what = framing + ", round " + round + ", seed " + seed;

                    ByteArrayOutputStream read = new ByteArrayOutputStream();
                    try (ExtFile f = d.open(file, framing)) {
                        IoStats s;
                        do {
                            ByteBuffer dst = ByteBuffer.allocate(16 + random.nextInt(random.nextBoolean() ? 40 : 4000));
                            s = f.read(dst, filter, null);
                            read.write(dst.array(), 0, dst.position());
                        } while (!s.endOfFile());
                    }
                    assertThat(read.toByteArray()).as("read, " + what).isEqualTo(expected);

                    ByteArrayOutputStream moved = new ByteArrayOutputStream();
                    try (ExtFile f = d.open(file, framing)) {
                        f.transfer(Channels.newChannel(moved), filter, null);
                    }
                    assertThat(moved.toByteArray()).as("transfer, " + what).isEqualTo(expected);
                }
            }
        }
    }

    /** Record payloads that start with 'a' (often several in a row), 'b' or something else. */
    private static List<byte[]> payloads(Random random, Framing framing) {
        int count = random.nextInt(300);
        List<byte[]> payloads = new java.util.ArrayList<>();
        char first = 'a';
        for (int i = 0; i < count; i++) {
            if (random.nextInt(4) == 0) {
                first = "abcx".charAt(random.nextInt(4));
            }
            int length = framing instanceof Framing.Fixed(int size) ? size : random.nextInt(12);
            byte[] p = new byte[length];
            for (int k = 0; k < length; k++) {
                p[k] = (byte) (k == 0 ? first : 'c' + random.nextInt(20));
            }
            payloads.add(p);
        }
        return payloads;
    }

    private static byte[] fileBytes(List<byte[]> payloads, Framing framing, boolean lastNewline) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < payloads.size(); i++) {
            byte[] p = payloads.get(i);
            boolean last = i == payloads.size() - 1;
            switch (framing) {
                case Framing.Lines l -> {
                    out.writeBytes(p);
                    if (!last || lastNewline || p.length == 0) {
                        out.write('\n');
                    }
                }
                case Framing.Fixed f -> out.writeBytes(p);
                case Framing.LengthPrefixed lp -> {
                    out.writeBytes(prefix(lp, p.length));
                    out.writeBytes(p);
                }
                case Framing.Program pr -> throw new IllegalArgumentException("not modelled");
            }
        }
        return out.toByteArray();
    }

    /** The delivery rules, one record at a time. */
    private static byte[] expected(List<byte[]> payloads, Framing framing, boolean lastNewline) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < payloads.size(); i++) {
            byte[] p = payloads.get(i);
            boolean delimited = i < payloads.size() - 1 || lastNewline || p.length == 0;
            int keep = p.length == 0 ? 0 : p[0] == 'a' ? p.length : p[0] == 'b' ? Math.min(3, p.length) : 0;
            if (keep == 0) {
                continue;
            }
            switch (framing) {
                case Framing.Lines l -> {
                    out.write(p, 0, keep);
                    if (delimited) {
                        out.write('\n');  // a last line without its newline is delivered without one
                    }
                }
                case Framing.Fixed f -> out.write(p, 0, keep);
                case Framing.LengthPrefixed lp -> {
                    out.writeBytes(prefix(lp, keep));
                    out.write(p, 0, keep);
                }
                case Framing.Program pr -> throw new IllegalArgumentException("not modelled");
            }
        }
        return out.toByteArray();
    }

    private static byte[] prefix(Framing.LengthPrefixed lp, int length) {
        ByteBuffer b = ByteBuffer.allocate(lp.width()).order(lp.order());
        if (lp.width() == 2) {
            b.putShort((short) length);
        } else {
            b.putInt(length);
        }
        return b.array();
    }
}
