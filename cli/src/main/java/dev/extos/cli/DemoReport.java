package dev.extos.cli;

import dev.extos.cli.demo.AccessLogGenerator;
import dev.extos.cli.demo.ComparisonTable;
import dev.extos.cli.demo.PassResult;
import dev.extos.isa.Program;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** Writes what {@code extos demo} did and measured, saying plainly what the numbers do and do not show. */
final class DemoReport {
    private final PrintWriter out;
    private final String engine;
    private final Program program;
    private final long verificationNanos;
    private final int runs;

    DemoReport(PrintWriter out, String engine, Program program, long verificationNanos, int runs) {
        this.out = out;
        this.engine = engine;
        this.program = program;
        this.verificationNanos = verificationNanos;
        this.runs = runs;
    }

    void print(Path file, AccessLogGenerator.Summary generated, long seed, PassResult extos, PassResult java) {
        out.println("extos demo: keep the 5xx lines of a web server access log");
        out.println();
        String origin = generated == null ? "given with --file"
                : String.format(Locale.ROOT, "generated, seed %d, %,d lines of which %,d are 5xx", seed,
                generated.lines(), generated.serverErrors());
        out.printf(Locale.ROOT, "  file     %s (%s, %s)%n", file, DemoCommand.humanSize(extos.bytesRead()), origin);
        out.printf(Locale.ROOT, "  filter   %s, %d instructions, an extos/read program (context struct extos_record_md),%n"
                + "           verified in %.1f ms before it ran%n",
                BundledPrograms.FILTER_5XX, program.instructions().size(), verificationNanos / 1e6);
        out.printf(Locale.ROOT, "  engine   %s%s%n", engine, engine.equals("interp")
                ? ": the reference interpreter, checking every memory access as it runs."
                : ": compiled to JVM bytecode; each record access goes straight to the mapped file's"
                + "\n           segment where the verifier proved which region it touches (no per-access decoding).");
        out.println("  domain   embedded: the file is mapped in windows of up to 1 GiB; the filter reads each record in place");
        out.printf(Locale.ROOT, "  timing   fastest of %d run%s each way, alternating; after the first read the file is"
                + " in the page cache%n", runs, runs == 1 ? "" : "s");
        out.println();
        ComparisonTable.print(out, "ExtOS (" + engine + ")", extos, "Java readLine", java, "time");
        out.println();
        verdict(extos, java);
        out.println("  Both ways run in this JVM: no process, kernel or network boundary separates the filter from");
        out.println("  the application yet, and such a boundary is where handing over fewer bytes pays off.");
        out.flush();
    }

    private void verdict(PassResult extos, PassResult java) {
        if (extos.kept() != java.kept()) {
            out.printf(Locale.ROOT, "  MISMATCH: the filter kept %,d records but the Java way kept %,d: one of them is wrong.%n",
                    extos.kept(), java.kept());
            return;
        }
        if (extos.checksum() == java.checksum()) {
            out.printf(Locale.ROOT, "  Both ways kept the same %,d records (CRC-32 of the delivered bytes: %08x).%n",
                    extos.kept(), extos.checksum());
        } else {
            out.printf(Locale.ROOT, "  Both ways kept %,d records, but the bytes differ: readLine drops \\r before \\n and%n"
                    + "  adds a final newline; the filtered read delivers records as they are in the file.%n", extos.kept());
        }
        double share = java.bytesToApplication() == 0 ? 0 : 100.0 * extos.bytesToApplication() / java.bytesToApplication();
        double time = java.nanos() == 0 ? 0 : (double) extos.nanos() / java.nanos();
        out.printf(Locale.ROOT, "  The pushed-down filter handed %.2f%% of the file's bytes to the application, and took%n  %s%n",
                share, time >= 1 ? String.format(Locale.ROOT, "%.1fx as long as reading every line in Java.", time)
                        : String.format(Locale.ROOT, "%.2fx the time of reading every line in Java (%.1fx faster).", time, 1 / time));
    }
}
