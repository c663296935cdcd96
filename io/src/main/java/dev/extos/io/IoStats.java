package dev.extos.io;

/**
 * What one filtered IO call did.
 *
 * @param recordsSeen  records the filter ran on
 * @param recordsKept  records delivered (or written)
 * @param bytesIn      bytes of input consumed: whole records with their delimiters or prefixes
 * @param bytesOut     bytes delivered to the destination (or written to the file)
 * @param programNanos time spent running the filter, each record's context set-up included (records are
 *                     filtered in batches, each timed whole, so timing costs a few ns per batch)
 * @param totalNanos   wall time of the whole call
 * @param endOfFile    true when the call reached the end of the file (nothing is left to read)
 */
public record IoStats(long recordsSeen, long recordsKept, long bytesIn, long bytesOut, long programNanos,
                      long totalNanos, boolean endOfFile) {
    /** Input throughput in MB/s (10^6 bytes per second). */
    public double megabytesPerSecond() {
        return totalNanos == 0 ? 0 : bytesIn * 1e3 / totalNanos;
    }

    /** The sum of two calls' statistics (end of file from {@code later}). */
    public IoStats plus(IoStats later) {
        return new IoStats(recordsSeen + later.recordsSeen, recordsKept + later.recordsKept, bytesIn + later.bytesIn,
                bytesOut + later.bytesOut, programNanos + later.programNanos, totalNanos + later.totalNanos,
                later.endOfFile);
    }

    /** Statistics of a call that did nothing. */
    public static IoStats none() {
        return new IoStats(0, 0, 0, 0, 0, 0, false);
    }
}
