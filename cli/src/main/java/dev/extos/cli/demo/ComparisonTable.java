package dev.extos.cli.demo;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints two ways of doing the same job side by side, with their ratio. */
public final class ComparisonTable {
    private ComparisonTable() {
    }

    /** Prints {@code extos} and {@code java} under the given column titles, ratio = first ÷ second. */
    public static void print(PrintWriter out, String extosTitle, PassResult extos, String javaTitle, PassResult java,
                             String timeLabel) {
        String format = "  %-34s %16s %16s %12s%n";
        out.printf(Locale.ROOT, format, "", extosTitle, javaTitle, "ratio");
        row(out, format, "records", count(extos.records()), count(java.records()), ratio(extos.records(), java.records()));
        row(out, format, "kept (5xx)", count(extos.kept()), count(java.kept()), ratio(extos.kept(), java.kept()));
        row(out, format, "bytes read from the file", count(extos.bytesRead()), count(java.bytesRead()),
                ratio(extos.bytesRead(), java.bytesRead()));
        row(out, format, "bytes handed to the application", count(extos.bytesToApplication()),
                count(java.bytesToApplication()), ratio(extos.bytesToApplication(), java.bytesToApplication()));
        row(out, format, "bytes delivered (the residual)", count(extos.bytesDelivered()), count(java.bytesDelivered()),
                ratio(extos.bytesDelivered(), java.bytesDelivered()));
        row(out, format, timeLabel, millis(extos.nanos()), millis(java.nanos()), ratio(extos.nanos(), java.nanos()));
        row(out, format, "throughput (file bytes / time)", rate(extos), rate(java),
                ratio(extos.megabytesPerSecond(), java.megabytesPerSecond()));
    }

    private static void row(PrintWriter out, String format, String label, String a, String b, String ratio) {
        out.printf(Locale.ROOT, format, label, a, b, ratio);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%,.1f ms", nanos / 1e6);
    }

    private static String rate(PassResult r) {
        return String.format(Locale.ROOT, "%,.1f MB/s", r.megabytesPerSecond());
    }

    /** a ÷ b with enough digits to read small ratios (0.0098x), or "-" when b is 0. */
    static String ratio(double a, double b) {
        if (b == 0) {
            return a == 0 ? "1.00x" : "-";
        }
        double r = a / b;
        return String.format(Locale.ROOT, r != 0 && r < 0.1 ? "%.4fx" : "%.2fx", r);
    }
}
