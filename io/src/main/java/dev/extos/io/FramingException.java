package dev.extos.io;

/**
 * The bytes do not form records of the file's framing: a length prefix or framer result that
 * makes no sense, a framer program that returned a negative value or faulted, or a last record
 * cut short by the end of the file ({@link #truncatedRecord()}).
 */
public final class FramingException extends IoException {
    private final boolean truncatedRecord;

    /** A framing error at file offset {@code offset}. */
    public FramingException(String message, long offset, boolean truncatedRecord, Throwable cause) {
        super(message, offset, cause);
        this.truncatedRecord = truncatedRecord;
    }

    /** True when the file ends inside a record (a writer may still be appending it; retrying later can succeed). */
    public boolean truncatedRecord() {
        return truncatedRecord;
    }
}
