package dev.extos.io;

/**
 * The next kept record does not fit in the whole destination buffer. Records are never torn, so
 * the read stops before it: the file position stays at the record (its verdict is remembered,
 * the filter does not run on it again) and a retry with a buffer of at least {@link #needed()}
 * bytes delivers it.
 */
public final class RecordTooLargeException extends IoException {
    private final long needed;

    /** The record at {@code offset} needs {@code needed} bytes of buffer. */
    public RecordTooLargeException(String message, long offset, long needed) {
        super(message, offset, null);
        this.needed = needed;
    }

    /** Bytes of buffer the kept record needs, its delimiter or length prefix included. */
    public long needed() {
        return needed;
    }
}
