package dev.extos.io;

import dev.extos.isa.ExtosException;

/**
 * A filtered IO call ended early for a reason the caller can act on. Records delivered before it
 * stay delivered: the destination buffer holds them and the file position is just past them.
 * The subclasses say which reason.
 */
public sealed class IoException extends ExtosException
        permits FramingException, ProgramFaultException, RecordRejectedException, RecordTooLargeException,
        FileTruncatedException, WriteFailedException {
    private final long offset;

    /** {@code offset} is the file offset of the record (or byte) at which the call stopped. */
    public IoException(String message, long offset, Throwable cause) {
        super(message, cause);
        this.offset = offset;
    }

    /** The file offset at which the call stopped; the file position is there after the call. */
    public long offset() {
        return offset;
    }
}
