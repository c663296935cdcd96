package dev.extos.cli.demo;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress display on stderr, redrawn at most five times a second and cleared when done. */
public final class Progress {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private long lastDraw;
    private boolean drawn;

    /** Progress of {@code label} towards {@code total} bytes. */
    public Progress(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    /** Reports {@code done} bytes so far. */
    public void update(long done) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double share = total == 0 ? 1 : Math.min(1, (double) done / total);
        int bar = (int) (share * 30);
        err.printf(Locale.ROOT, "\r  %-24s [%s%s] %5.1f%%  %,d MiB", label, "#".repeat(bar), ".".repeat(30 - bar),
                share * 100, done >> 20);
        err.flush();
    }

    /** Clears the line. */
    public void done() {
        if (drawn) {
            err.print("\r" + " ".repeat(80) + "\r");
            err.flush();
        }
    }
}
