package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.cli.demo.StatusField;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Engines;
import dev.extos.vm.Executable;
import dev.extos.vm.HelperTable;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled filter-5xx.s keeps exactly the 5xx records, and never reads outside a record. */
class Filter5xxTest {
    private static final Executable FILTER =
            Engines.interpreter().load(BundledPrograms.load(BundledPrograms.FILTER_5XX), HelperTable.standard());

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

    private static boolean kept(String record) {
        byte[] bytes = record.getBytes(StandardCharsets.ISO_8859_1);
        // The record's region is exactly its bytes: any read past the end would fault.
        MemorySegment segment = MemorySegment.ofArray(bytes);
        AddressSpace memory = new AddressSpace();
        long base = memory.map("record", segment, false);
        return FILTER.run(memory, base, bytes.length) != 0;
    }

    @Test
    void keepsExactlyThe5xxLines() {
        List<String> expected = LOG.stream().filter(Line::keep).map(Line::text).toList();

        List<String> kept = LOG.stream().map(Line::text).filter(Filter5xxTest::kept).toList();

        assertThat(kept).containsExactlyElementsOf(expected);
    }

    @Test
    void theJavaWayAgreesLineByLine() {
        for (Line line : LOG) {
            assertThat(StatusField.isServerError(line.text())).as(line.text()).isEqualTo(line.keep());
        }
    }

    @Test
    void keepsWholeRecordsByTheReadFilterConvention() {
        String record = LOG.getFirst().text();
        byte[] bytes = record.getBytes(StandardCharsets.ISO_8859_1);
        AddressSpace memory = new AddressSpace();
        long base = memory.map("record", MemorySegment.ofArray(bytes), false);

        assertThat(FILTER.run(memory, base, bytes.length)).isEqualTo(0xffffffffL);
    }

    @Test
    void everyPrefixOfARecordIsSafeAndJudgedLikeJava() {
        // Cutting a record anywhere must never make the filter read outside it, and the
        // verdict must match the Java rule at every length, including inside the status.
        for (Line line : LOG) {
            for (int n = 0; n <= line.text().length(); n++) {
                String prefix = line.text().substring(0, n);
                assertThat(kept(prefix)).as("[%s]", prefix).isEqualTo(StatusField.isServerError(prefix));
            }
        }
    }
}
