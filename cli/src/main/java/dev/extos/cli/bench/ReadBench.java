package dev.extos.cli.bench;

import dev.extos.io.Domain;
import dev.extos.io.LoadedFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs every way of the read benchmark over one file per selectivity and prints the table. */
public final class ReadBench {
    /** The bundled filter the benchmark pushes. */
    public static final String FILTER = "filter-level-error.s";

    private final Domain domain;
    private final LoadedFilter filter;
    private final PrintWriter out;
    private final PrintWriter err;
    private final int runs;
    private final boolean tools;

    /** A benchmark run printing to {@code out} (table) and {@code err} (progress). */
    public ReadBench(Domain domain, LoadedFilter filter, PrintWriter out, PrintWriter err, int runs, boolean tools) {
        this.domain = domain;
        this.filter = filter;
        this.out = out;
        this.err = err;
        this.runs = runs;
        this.tools = tools;
    }

    private interface Way {
        ReadWays.Outcome run(Path file) throws IOException;
    }

    private record Timed(ReadWays.Outcome outcome, long nanos) {
    }

    /** Runs the benchmark; returns false if the ways disagreed on a count. */
    public boolean run(Path dir, long size, List<Double> percents, String engine) throws IOException {
        List<String> names = new ArrayList<>(List.of("extos", "scan", "lines", "hand"));
        List<Way> ways = new ArrayList<>(List.of(f -> ReadWays.extos(domain, filter, f), ReadWays::plainScan,
                ReadWays::filesLines, ReadWays::handWritten));
        if (tools) {
            names.addAll(List.of("grep", "awk"));
            ways.addAll(List.of(ReadWays::grep, ReadWays::awk));
        }
        out.printf(Locale.ROOT, "extos bench read: %s files of %d-byte records, engine %s, newline search %s, fastest of %d run%s taking turns,"
                + " MB/s of file bytes%n%n", human(size), RecordFile.RECORD, engine, dev.extos.io.ExtOS.delimiterSearch(), runs,
                runs == 1 ? "" : "s");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-8s", "select"));
        for (String n : names) {
            head.append(String.format(Locale.ROOT, "%10s", n));
        }
        head.append(String.format(Locale.ROOT, "  %9s %9s %9s", "ext/scan", "ext/lines", "ext/hand"));
        out.println(head);
        out.flush();
        boolean agree = true;
        for (double percent : percents) {
            Path file = dir.resolve("records-" + percent + ".txt");
            err.printf(Locale.ROOT, "  writing %s ...%n", file);
            err.flush();
            long expected = RecordFile.write(file, size / RecordFile.RECORD, percent / 100, 42);
            long bytes = Files.size(file);
            double[] rate = new double[ways.size()];
            Timed[] best = new Timed[ways.size()];
            // The ways take turns, run after run, so that a drift of the machine (writeback, another
            // process) falls on all of them alike; run 0 warms the page cache and the JIT.
            for (int r = 0; r <= runs; r++) {
                for (int w = 0; w < ways.size(); w++) {
                    err.printf(Locale.ROOT, "  %s at %s%%, run %d of %d ...%n", names.get(w), percent, r, runs);
                    err.flush();
                    long t = System.nanoTime();
                    ReadWays.Outcome o = ways.get(w).run(file);
                    Timed now = new Timed(o, System.nanoTime() - t);
                    if (r > 0 && (best[w] == null || now.nanos() < best[w].nanos())) {
                        best[w] = now;
                    }
                }
            }
            for (int w = 0; w < ways.size(); w++) {
                rate[w] = bytes * 1e3 / best[w].nanos();
                long got = best[w].outcome().selected();
                if (got >= 0 && got != expected) {
                    agree = false;
                    out.printf(Locale.ROOT, "MISMATCH: %s selected %,d records, the file has %,d%n", names.get(w), got, expected);
                }
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-8s", percent + "%"));
            for (double r : rate) {
                row.append(String.format(Locale.ROOT, "%10.0f", r));
            }
            row.append(String.format(Locale.ROOT, "  %8.2fx %8.2fx %8.2fx", rate[0] / rate[1], rate[0] / rate[2], rate[0] / rate[3]));
            out.println(row);
            out.flush();
            Files.deleteIfExists(file);
        }
        out.println();
        out.println("All ways selected the same records: " + (agree ? "yes" : "NO"));
        out.flush();
        return agree;
    }

    private static String human(long bytes) {
        return bytes >= 1L << 30 ? (bytes >> 30) + " GiB" : bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }
}
