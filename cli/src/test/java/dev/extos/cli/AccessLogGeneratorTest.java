package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.cli.demo.AccessLogGenerator;
import dev.extos.cli.demo.StatusField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's access log: Common Log Format, about 1% 5xx, the requested size, reproducible. */
class AccessLogGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void writesAboutTheRequestedSizeOfWholeLines() throws IOException {
        Path file = dir.resolve("a.log");

        AccessLogGenerator.Summary s = AccessLogGenerator.write(file, 1 << 20, 7);

        assertThat(Files.size(file)).isEqualTo(s.bytes()).isLessThanOrEqualTo(1 << 20).isGreaterThan((1 << 20) - 400);
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertThat(lines).hasSize((int) s.lines());
        assertThat(Files.readString(file)).endsWith("\n");
        assertThat(lines).allMatch(l -> l.matches(
                "\\S+ - \\S+ \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000] \"[A-Z]+ \\S+ HTTP/\\d\\.\\d\" \\d{3} (\\d+|-) \"[^\"]*\" \"[^\"]*\""));
    }

    @Test
    void aboutOnePercentAreServerErrors() throws IOException {
        Path file = dir.resolve("a.log");

        AccessLogGenerator.Summary s = AccessLogGenerator.write(file, 4 << 20, 2026);

        long counted = Files.readAllLines(file).stream().filter(StatusField::isServerError).count();
        assertThat(counted).isEqualTo(s.serverErrors());
        assertThat((double) counted / s.lines()).isBetween(0.008, 0.012);
    }

    @Test
    void theSameSeedWritesTheSameFile() throws IOException {
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");

        AccessLogGenerator.write(a, 100_000, 42);
        AccessLogGenerator.write(b, 100_000, 42);

        assertThat(a).hasSameBinaryContentAs(b);
    }
}
