package dev.extos.io;

/** A write filter returned 0 for a record, so the whole write was refused and nothing was written. */
public final class RecordRejectedException extends IoException {
    private final long recordIndex;

    /** Record {@code recordIndex} of the write (from 0), which would have gone to file offset {@code offset}. */
    public RecordRejectedException(String message, long recordIndex, long offset) {
        super(message, offset, null);
        this.recordIndex = recordIndex;
    }

    /** The number of the refused record within the write call, from 0. */
    public long recordIndex() {
        return recordIndex;
    }
}
