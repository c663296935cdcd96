package dev.extos.io;

/** A filter faulted at run time on a record; the call ended there and the record was not delivered. */
public final class ProgramFaultException extends IoException {
    private final long recordIndex;

    /** The fault {@code cause} happened running a filter on record {@code recordIndex} at file offset {@code offset}. */
    public ProgramFaultException(String message, long recordIndex, long offset, Throwable cause) {
        super(message, offset, cause);
        this.recordIndex = recordIndex;
    }

    /** The number of the record the filter faulted on. */
    public long recordIndex() {
        return recordIndex;
    }
}
