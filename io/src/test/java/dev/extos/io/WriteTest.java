package dev.extos.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes run the write filter on every record: all accepted, trimmed, or the whole write refused. */
class WriteTest {
    @TempDir
    Path dir;

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void acceptedRecordsAreAppended() throws IOException {
        Path file = Files.writeString(dir.resolve("w.txt"), "old\n");
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines(), StandardOpenOption.WRITE)) {
            LoadedFilter filter = d.loadAssembly("no-bang", Programs.REJECT_BANG, Hook.WRITE);
            ByteBuffer src = ascii("new1\nnew2\n");

            IoStats s = f.write(src, filter, null);

            assertThat(Files.readString(file)).isEqualTo("old\nnew1\nnew2\n");
            assertThat(s.recordsKept()).isEqualTo(2);
            assertThat(s.bytesOut()).isEqualTo(10);
            assertThat(src.hasRemaining()).isFalse();
        }
    }

    @Test
    void aRejectedRecordFailsTheWholeWriteAndNamesTheRecord() throws IOException {
        Path file = Files.writeString(dir.resolve("r.txt"), "old\n");
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines(), StandardOpenOption.WRITE)) {
            LoadedFilter filter = d.loadAssembly("no-bang", Programs.REJECT_BANG, Hook.WRITE);
            ByteBuffer src = ascii("ok\n!bad\nok\n");

            assertThatThrownBy(() -> f.write(src, filter, null))
                    .isInstanceOfSatisfying(RecordRejectedException.class, e -> assertThat(e.recordIndex()).isEqualTo(1))
                    .hasMessage("no-bang rejected record 1 of a write to " + file + " (bytes 3..8 of the buffer);"
                            + " nothing was written");
            assertThat(Files.readString(file)).isEqualTo("old\n");
            assertThat(src.position()).isZero();
        }
    }

    @Test
    void keepingAPrefixWritesItWithACorrectedLengthPrefix() throws IOException {
        Path file = dir.resolve("p.bin");
        Files.write(file, new byte[0]);
        try (Domain d = ExtOS.embedded();
             ExtFile f = d.open(file, Framing.lengthPrefixed(4, ByteOrder.BIG_ENDIAN), StandardOpenOption.WRITE)) {
            LoadedFilter keep3 = d.loadAssembly("keep-3", Programs.KEEP_3, Hook.WRITE);
            ByteBuffer src = ByteBuffer.allocate(15).putInt(5).put("abcde".getBytes(StandardCharsets.US_ASCII))
                    .putInt(2).put("xy".getBytes(StandardCharsets.US_ASCII)).flip();

            f.write(src, keep3, null);

            ByteBuffer expected = ByteBuffer.allocate(13).putInt(3).put("abc".getBytes(StandardCharsets.US_ASCII))
                    .putInt(2).put("xy".getBytes(StandardCharsets.US_ASCII));
            assertThat(Files.readAllBytes(file)).isEqualTo(expected.array());
        }
    }

    @Test
    void anIncompleteRecordInTheBufferWritesNothing() throws IOException {
        Path file = dir.resolve("i.bin");
        Files.write(file, new byte[0]);
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.fixed(4), StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> f.write(ascii("abcdxy"), null, null))
                    .isInstanceOf(FramingException.class)
                    .hasMessageContaining("is incomplete; nothing was written");
            assertThat(Files.size(file)).isZero();
        }
    }

    @Test
    void writtenRecordsCanBeReadBackThroughAReadFilter() throws IOException {
        Path file = dir.resolve("rt.txt");
        Files.write(file, new byte[0]);
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines(), StandardOpenOption.WRITE)) {
            f.write(ascii("apple\nbanana\n"), null, null);
            f.write(ascii("avocado\n"), null, null);
            LoadedFilter filter = d.loadAssembly("first-byte", Programs.FIRST_BYTE_MATCHES_ARG, Hook.READ);
            assertThat(new String(Files2.readAll(f, filter, ascii("a"), 64))).isEqualTo("apple\navocado\n");
        }
    }

    @Test
    void readsBeforeAndAfterAWriteSeeTheFileNotTheWrittenBuffer() throws IOException {
        Path file = Files.writeString(dir.resolve("rw.txt"), "apple\nbanana\navocado\n");
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines(), StandardOpenOption.WRITE)) {
            LoadedFilter filter = d.loadAssembly("first-byte", Programs.FIRST_BYTE_MATCHES_ARG, Hook.READ);
            ByteBuffer dst = ByteBuffer.allocate(6);
            f.read(dst, filter, ascii("a"));
            assertThat(new String(dst.array(), 0, dst.position())).isEqualTo("apple\n");

            f.write(ascii("zzzzzzzz\nazure\n"), null, null);

            assertThat(new String(Files2.readAll(f, filter, ascii("a"), 64))).isEqualTo("avocado\nazure\n");
        }
    }
}
