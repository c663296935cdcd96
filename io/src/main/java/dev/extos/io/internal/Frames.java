package dev.extos.io.internal;

/**
 * The records a framer found in one step, reused for every step so framing allocates nothing.
 * Framing a batch before filtering it keeps the boundary search a tight loop over the bytes,
 * instead of a search interrupted by a filter run at every record.
 */
final class Frames {
    /** The most records one step frames. */
    static final int CAPACITY = 512;

    /** Offset, in the framed segment, of each record's payload (what the filter sees). */
    final long[] payload = new long[CAPACITY];
    /** Length of each payload. */
    final long[] length = new long[CAPACITY];
    /** Offset of the first byte after each record (its delimiter or trailer included): where the next one starts. */
    final long[] end = new long[CAPACITY];
    /** Whether each record ended with its delimiter (newline framing). */
    final boolean[] delimited = new boolean[CAPACITY];

    /** Records record {@code k}. */
    void set(int k, long payloadAt, long payloadLength, long endAt, boolean withDelimiter) {
        payload[k] = payloadAt;
        length[k] = payloadLength;
        end[k] = endAt;
        delimited[k] = withDelimiter;
    }
}
