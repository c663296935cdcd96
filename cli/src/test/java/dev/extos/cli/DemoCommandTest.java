package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code extos demo}: both ways of doing the job agree, and the generated file is cleaned up. */
class DemoCommandTest {
    private static final Pattern KEPT = Pattern.compile("kept \\(5xx\\)\\s+([\\d,]+)\\s+([\\d,]+)");
    private static final Pattern RECORDS = Pattern.compile("records\\s+([\\d,]+)\\s+([\\d,]+)");
    private static final Pattern GENERATED = Pattern.compile("of which ([\\d,]+) are 5xx");
    private static final Pattern WRITING = Pattern.compile("access log to (\\S+) \\.\\.\\.");

    @TempDir
    Path dir;

    private static long number(Pattern p, String text, int group) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as("%s in:%n%s", p, text).isTrue();
        return Long.parseLong(m.group(group).replace(",", ""));
    }

    @Test
    void onASmallGeneratedLogBothWaysKeepTheSameRecords() {
        Cli.Result r = Cli.run("demo", "--size", "200k", "--runs", "1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        long extos = number(KEPT, r.out(), 1);
        long java = number(KEPT, r.out(), 2);
        assertThat(extos).isPositive().isEqualTo(java).isEqualTo(number(GENERATED, r.out(), 1));
        assertThat(number(RECORDS, r.out(), 1)).isEqualTo(number(RECORDS, r.out(), 2)).isGreaterThan(1000);
        assertThat(r.out()).contains("Both ways kept the same").contains("ExtOS (jit)").contains("compiled to JVM bytecode");
        Path generated = Path.of(WRITING.matcher(r.err()).results().findFirst().orElseThrow().group(1));
        assertThat(generated).doesNotExist();
    }

    @Test
    void keepFileKeepsTheGeneratedLog() throws IOException {
        Cli.Result r = Cli.run("demo", "--size", "20k", "--runs", "1", "--keep-file");

        Path generated = Path.of(WRITING.matcher(r.err()).results().findFirst().orElseThrow().group(1));
        try {
            assertThat(r.exitCode()).isZero();
            assertThat(generated).isRegularFile();
            assertThat(Files.size(generated)).isBetween(19_000L, 20L * 1024);
        } finally {
            Files.deleteIfExists(generated);
        }
    }

    @Test
    void aGivenFileIsFilteredIntoOutAndLeftAlone() throws IOException {
        List<String> lines = List.of(
                "1.2.3.4 - - [30/Nov/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 503 12 \"-\" \"curl/8.5\"",
                "1.2.3.4 - - [30/Nov/2026:10:00:00 +0000] \"GET /500 HTTP/1.1\" 200 500 \"-\" \"curl/8.5\"",
                "1.2.3.4 - - [30/Nov/2026:10:00:01 +0000] \"GET /b HTTP/1.1\" 404 153 \"-\" \"curl/8.5\"",
                "1.2.3.4 - - [30/Nov/2026:10:00:02 +0000] \"POST /c HTTP/1.1\" 500 0 \"-\" \"curl/8.5\"");
        Path log = Files.write(dir.resolve("access.log"), lines);
        Path out = dir.resolve("kept.log");

        Cli.Result r = Cli.run("demo", "--file", log.toString(), "--out", out.toString(), "--runs", "2");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(number(KEPT, r.out(), 1)).isEqualTo(2);
        assertThat(Files.readAllLines(out)).containsExactly(lines.get(0), lines.get(3));
        assertThat(Files.readAllLines(log)).isEqualTo(lines);
    }

    @Test
    void aBadSizeIsAUsageError() {
        Cli.Result r = Cli.run("demo", "--size", "lots");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'lots' is not a size");
    }

    @Test
    void aMissingFileIsOneLine() {
        Cli.Result r = Cli.run("demo", "--file", dir.resolve("absent.log").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("extos: " + dir.resolve("absent.log") + ": no such file or directory\n");
    }
}
