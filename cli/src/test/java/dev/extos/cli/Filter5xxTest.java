package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.cli.demo.StatusField;
import dev.extos.io.Domain;
import dev.extos.io.ExtFile;
import dev.extos.io.ExtOS;
import dev.extos.io.Framing;
import dev.extos.io.Hook;
import dev.extos.io.LoadedFilter;
import dev.extos.vm.Engines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled filter-5xx.s, verified as extos/read, keeps exactly the 5xx records and never reads outside a record. */
class Filter5xxTest {
    private static final Domain DOMAIN = ExtOS.embedded(Engines.interpreter());
    private static final LoadedFilter FILTER =
            DOMAIN.load(BundledPrograms.FILTER_5XX, BundledPrograms.load(BundledPrograms.FILTER_5XX), Hook.READ);

    @TempDir
    Path dir;

    /** Hand-written records, each with whether it must be kept. */
    private record Line(String text, boolean keep) {
    }

    private static final List<Line> LOG = List.of(
            new Line("203.0.113.7 - - [30/Nov/2026:10:00:00 +0000] \"GET /api/items/123 HTTP/1.1\" 500 5123 \"-\" \"curl/8.5\"", true),
            new Line("203.0.113.7 - - [30/Nov/2026:10:00:01 +0000] \"GET /api/items/123 HTTP/1.1\" 200 5123 \"-\" \"curl/8.5\"", false),
            new Line("10.0.0.5 - - [30/Nov/2026:10:00:02 +0000] \"GET /images/5/500x500.jpg HTTP/2.0\" 404 153 \"-\" \"curl/8.5\"", false),
            new Line("10.0.0.5 - - [30/Nov/2026:10:00:03 +0000] \"GET /api/items/5 HTTP/1.1\" 200 500 \"-\" \"Mozilla/5.0\"", false),
            new Line("10.0.0.5 - alice [30/Nov/2026:10:00:04 +0000] \"POST /checkout HTTP/1.1\" 502 0 \"https://x.example/\" \"Mozilla/5.0\"", true),
            new Line("10.0.0.5 - - [30/Nov/2026:10:00:05 +0000] \"GET /search?q=error+503 HTTP/1.1\" 304 - \"-\" \"Go-http-client/1.1\"", false),
            new Line("10.0.0.5 - - [30/Nov/2026:10:00:06 +0000] \"GET /status HTTP/1.1\" 404 500 \"http://a.example/ 500\" \"-\"", false),
            new Line("10.0.0.5 - - [30/Nov/2026:10:00:07 +0000] \"GET / HTTP/1.1\" 503", true),
            new Line("10.0.0.5 - - [30/Nov/2026:10:00:08 +0000] \"GET / HTTP/1.1\" 5000 1 \"-\" \"-\"", false),
            new Line("10.0.0.5 - - [30/Nov/2026:10:00:09 +0000] \"GET / HTTP/1.1\" 50 1 \"-\" \"-\"", false),
            new Line("10.0.0.5 - - [30/Nov/2026:10:00:10 +0000] \"GET / HTTP/1.1\" 5x0 1 \"-\" \"-\"", false),
            new Line("10.0.0.5 - - [30/Nov/2026:10:00:11 +0000] \"GET /a\"b HTTP/1.1\" 504 1 \"-\" \"-\"", true),
            new Line("10.0.0.5 - - [30/Nov/2026:10:00:12 +0000] \"GET / HTTP/1.1\" 599 1 \"-\" \"-\"", true),
            new Line("10.0.0.5 - - [30/Nov/2026:10:00:13 +0000] \"GET / HTTP/1.1\" 499 1 \"-\" \"-\"", false),
            new Line("no quotes at all, 500", false),
            new Line("", false),
            new Line("\" 500", true),
            new Line("\" 50", false));

    /** The records of {@code records} (one per line) the filter keeps, read through the IO layer. */
    private List<String> kept(List<String> records) {
        try {
            Path file = Files.write(dir.resolve("records-" + records.hashCode() + ".log"), records, StandardCharsets.ISO_8859_1);
            try (ExtFile in = DOMAIN.open(file, Framing.lines())) {
                List<String> kept = new ArrayList<>();
                in.records(FILTER, null).forEach(b -> {
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    kept.add(new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1));
                });
                return kept;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void keepsExactlyThe5xxLines() {
        List<String> expected = LOG.stream().filter(Line::keep).map(Line::text).toList();

        List<String> kept = kept(LOG.stream().map(Line::text).toList());

        assertThat(kept).containsExactlyElementsOf(expected);
    }

    @Test
    void theJavaWayAgreesLineByLine() {
        for (Line line : LOG) {
            assertThat(StatusField.isServerError(line.text())).as(line.text()).isEqualTo(line.keep());
        }
    }

    @Test
    void aStatusPastTheScanLimitIsDropped() {
        String far = "x".repeat(StatusField.SCAN_LIMIT) + "\" 503 1";
        String near = "x".repeat(StatusField.SCAN_LIMIT - 1) + "\" 503 1";

        assertThat(kept(List.of(far, near))).containsExactly(near);
        assertThat(StatusField.isServerError(far)).isFalse();
        assertThat(StatusField.isServerError(near)).isTrue();
    }

    @Test
    void everyPrefixOfARecordIsSafeAndJudgedLikeJava() {
        // Cutting a record anywhere must never make the filter read outside it, and the
        // verdict must match the Java rule at every length, including inside the status.
        List<String> prefixes = new ArrayList<>();
        for (Line line : LOG) {
            for (int n = 0; n <= line.text().length(); n++) {
                prefixes.add(line.text().substring(0, n));
            }
        }
        List<String> expected = prefixes.stream().filter(StatusField::isServerError).toList();

        assertThat(kept(prefixes)).containsExactlyElementsOf(expected);
    }
}
