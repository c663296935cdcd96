package dev.extos.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that shrinks under a reader gives whole records or a FileTruncatedException, never a crash or a torn record. */
class TruncationTest {
    private static final int ROUNDS = Integer.getInteger("extos.io.truncations", 20);

    @TempDir
    Path dir;

    private static String content(int records) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < records; i++) {
            b.append(String.format("record %07d %s%n", i, "x".repeat(40)));
        }
        return b.toString();
    }

    @Test
    void truncatedBetweenCallsTheNextCallSeesTheShorterFile() throws IOException {
        Path file = Files.writeString(dir.resolve("t.txt"), content(1000));
        try (Domain d = Files2.smallWindows(1 << 20); ExtFile f = d.open(file, Framing.lines())) {
            ByteBuffer dst = ByteBuffer.allocate(4096);
            f.read(dst, null, null);
            long at = f.position();
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(at + 10);  // cuts the next record short
            }
            dst.clear();
            IoStats s = f.read(dst, null, null);  // the cut record is the last line now, without its newline
            assertThat(s.bytesIn()).isEqualTo(10);
            assertThat(s.endOfFile()).isTrue();
            assertThat(new String(dst.array(), 0, dst.position())).isEqualTo(content(1000).substring((int) at, (int) at + 10));
        }
    }

    @Test
    void truncatedDuringReadsEveryDeliveredRecordIsWhole() throws Exception {
        String original = content(20_000);
        for (int round = 0; round < ROUNDS; round++) {
            Path file = Files.writeString(dir.resolve("d" + round + ".txt"), original);
            AtomicBoolean go = new AtomicBoolean();
            int cut = 1000 + round * 17_000;
            Thread truncator = Thread.ofPlatform().start(() -> {
                while (!go.get()) {
                    Thread.onSpinWait();
                }
                try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    c.truncate(cut);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            StringBuilder got = new StringBuilder();
            try (Domain d = Files2.smallWindows(1 << 16); ExtFile f = d.open(file, Framing.lines())) {
                ByteBuffer dst = ByteBuffer.allocate(8192);
                go.set(true);
                while (true) {
                    dst.clear();
                    try {
                        IoStats s = f.read(dst, null, null);
                        got.append(new String(dst.array(), 0, dst.position()));
                        if (s.endOfFile()) {
                            break;
                        }
                    } catch (FileTruncatedException e) {
                        got.append(new String(dst.array(), 0, dst.position()));
                        assertThat(e.offset()).isEqualTo(f.position());
                    }
                }
            }
            truncator.join();
            // Everything delivered is a prefix of the file, in whole records, except that the last
            // line of the shortened file may lack its newline (it is the file's last record now).
            assertThat(original).startsWith(got.toString());
            String[] lines = got.toString().split("\n", -1);
            for (int i = 0; i < lines.length - 1; i++) {
                assertThat(lines[i]).hasSize(original.indexOf('\n'));
            }
        }
    }
}
