package dev.extos.io;

/**
 * The destination refused bytes (a full disk, a closed pipe, an IO error) during a write or a
 * transfer. Nothing is lost: a write puts the file back at its size before the call, and a
 * transfer puts the file position back where the call started, so the call can be retried.
 */
public final class WriteFailedException extends IoException {
    /** {@code offset}: for a write, the file's size before it; for a transfer, the position the call started at. */
    public WriteFailedException(String message, long offset, Throwable cause) {
        super(message, offset, cause);
    }
}
