package dev.extos.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir
    Path dir;

    @Test
    void keepsRecordsStartingWithTheArgument() throws Exception {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "apple\nbanana\navocado\ncherry\nalmond");
        try (Domain d = ExtOS.embedded(); ExtFile file = d.open(f, Framing.lines())) {
            LoadedFilter filter = d.loadAssembly("first-byte", Programs.FIRST_BYTE_MATCHES_ARG, Hook.READ);
            ByteBuffer dst = ByteBuffer.allocate(100);
            IoStats s = file.read(dst, filter, ByteBuffer.wrap("a".getBytes(StandardCharsets.US_ASCII)));
            assertThat(new String(dst.array(), 0, dst.position(), StandardCharsets.US_ASCII)).isEqualTo("apple\navocado\nalmond");
            assertThat(s.recordsSeen()).isEqualTo(5);
            assertThat(s.recordsKept()).isEqualTo(3);
            assertThat(s.endOfFile()).isTrue();
        }
    }
}
