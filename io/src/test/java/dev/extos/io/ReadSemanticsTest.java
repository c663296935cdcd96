package dev.extos.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads deliver whole records only, positions and indexes follow the documented rules, transfer and streams agree. */
class ReadSemanticsTest {
    private static final ByteBuffer A = ByteBuffer.wrap(new byte[] {'a'});

    @TempDir
    Path dir;

    private static String text(ByteBuffer b) {
        return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
    }

    @Test
    void aSmallBufferGetsWholeRecordsOverSeveralCalls() throws IOException {
        Path file = Files.writeString(dir.resolve("r.txt"), "a1\na22\nb\na333\n");
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines())) {
            LoadedFilter filter = d.loadAssembly("first-byte", Programs.FIRST_BYTE_MATCHES_ARG, Hook.READ);
            ByteBuffer dst = ByteBuffer.allocate(8);

            IoStats first = f.read(dst, filter, A);
            assertThat(text(dst)).isEqualTo("a1\na22\n");
            assertThat(first.endOfFile()).isFalse();
            assertThat(first.bytesIn()).isEqualTo(9);  // "b\n" was dropped and consumed too
            assertThat(f.position()).isEqualTo(9);

            dst.clear();
            IoStats second = f.read(dst, filter, A);
            assertThat(text(dst)).isEqualTo("a333\n");
            assertThat(second.recordsSeen()).isZero();  // its verdict was remembered from the first call
            assertThat(second.recordsKept()).isEqualTo(1);
            assertThat(second.endOfFile()).isTrue();
        }
    }

    @Test
    void aRecordLargerThanTheWholeBufferIsAnErrorAndARetryWithRoomDeliversIt() throws IOException {
        Path file = Files.writeString(dir.resolve("big.txt"), "a123456789\na\n");
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines())) {
            ByteBuffer small = ByteBuffer.allocate(5);
            assertThatThrownBy(() -> f.read(small, null, null))
                    .isInstanceOfSatisfying(RecordTooLargeException.class, e -> {
                        assertThat(e.needed()).isEqualTo(11);
                        assertThat(e.offset()).isZero();
                    })
                    .hasMessageContaining("record 0 at byte 0 is 11 bytes as delivered");
            assertThat(small.position()).isZero();
            assertThat(f.position()).isZero();

            ByteBuffer big = ByteBuffer.allocate(11);
            f.read(big, null, null);
            assertThat(text(big)).isEqualTo("a123456789\n");
        }
    }

    @Test
    void keepingAPrefixDeliversItWithTheNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("p.txt"), "abcdef\nxy\n");
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines())) {
            LoadedFilter keep3 = d.loadAssembly("keep-3", Programs.KEEP_3, Hook.READ);
            assertThat(new String(Files2.readAll(f, keep3, null, 64))).isEqualTo("abc\nxy\n");
        }
    }

    @Test
    void theContextGivesEachRecordsIndexAndOffset() throws IOException {
        Path file = Files.writeString(dir.resolve("i.txt"), "r0\nr1\nr2\nr3\nr4\n");
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines())) {
            // Reads the index through a copy of the context pointer spilled to the stack.
            LoadedFilter even = d.loadAssembly("even", Programs.EVEN_INDEX_VIA_STACK, Hook.READ);
            assertThat(new String(Files2.readAll(f, even, null, 64))).isEqualTo("r0\nr2\nr4\n");

            f.position(6);  // indexes restart at the new position
            assertThat(new String(Files2.readAll(f, even, null, 64))).isEqualTo("r2\nr4\n");

            ByteBuffer dst = ByteBuffer.allocate(64);
            f.read(3, dst, even, null);  // a positional read counts from its own start
            assertThat(text(dst)).isEqualTo("r1\nr3\n");
        }
    }

    @Test
    void aPositionalReadLeavesThePositionAlone() throws IOException {
        Path file = Files.writeString(dir.resolve("q.txt"), "a\nb\nc\n");
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines())) {
            ByteBuffer dst = ByteBuffer.allocate(64);
            IoStats s = f.read(2, dst, null, null);
            assertThat(text(dst)).isEqualTo("b\nc\n");
            assertThat(s.bytesIn()).isEqualTo(4);
            assertThat(f.position()).isZero();
        }
    }

    @Test
    void transferAndStreamDeliverWhatReadDelivers() throws IOException {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            content.append(i % 3 == 0 ? "a" : "b").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("t.txt"), content);
        try (Domain d = Files2.smallWindows(4096)) {
            LoadedFilter filter = d.loadAssembly("first-byte", Programs.FIRST_BYTE_MATCHES_ARG, Hook.READ);
            byte[] read;
            try (ExtFile f = d.open(file, Framing.lines())) {
                read = Files2.readAll(f, filter, A, 1000);
            }
            Path target = dir.resolve("out.txt");
            IoStats s;
            try (ExtFile f = d.open(file, Framing.lines())) {
                s = f.transfer(target, filter, A);
            }
            List<ByteBuffer> streamed;
            try (ExtFile f = d.open(file, Framing.lines())) {
                streamed = f.records(filter, A).toList();
            }

            assertThat(Files.readAllBytes(target)).isEqualTo(read);
            assertThat(s.recordsSeen()).isEqualTo(5000);
            assertThat(s.recordsKept()).isEqualTo(1667);
            assertThat(s.bytesOut()).isEqualTo(read.length);
            assertThat(s.endOfFile()).isTrue();
            assertThat(streamed).hasSize(1667);
            assertThat(streamed.stream().mapToInt(ByteBuffer::remaining).sum()).isEqualTo(read.length);
            assertThat(streamed.get(1)).isEqualTo(ByteBuffer.wrap("a3\n".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void bytesAppendedAfterACallAreReadByTheNext() throws IOException {
        Path file = Files.writeString(dir.resolve("grow.txt"), "a1\n");
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines())) {
            assertThat(new String(Files2.readAll(f, null, null, 64))).isEqualTo("a1\n");
            Files.writeString(file, "a2\n", java.nio.file.StandardOpenOption.APPEND);
            assertThat(new String(Files2.readAll(f, null, null, 64))).isEqualTo("a2\n");
        }
    }

    @Test
    void aFilterFromTheWrongHookOrDomainIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("h.txt"), "x\n");
        try (Domain d = ExtOS.embedded(); Domain other = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines())) {
            LoadedFilter write = d.loadAssembly("w", Programs.KEEP_ALL, Hook.WRITE);
            LoadedFilter foreign = other.loadAssembly("f", Programs.KEEP_ALL, Hook.READ);
            ByteBuffer dst = ByteBuffer.allocate(8);
            assertThatThrownBy(() -> f.read(dst, write, null)).hasMessageContaining("w was verified for extos/write, not extos/read");
            assertThatThrownBy(() -> f.read(dst, foreign, null)).hasMessageContaining("loaded by another domain");
        }
    }
}
