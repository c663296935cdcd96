package dev.extos.io;

/**
 * The file shrank while a call was reading it, so bytes it had mapped were gone. The call stops
 * at the last record it delivered whole; nothing torn is delivered. Reading on sees the file as it now is.
 */
public final class FileTruncatedException extends IoException {
    /** The file became shorter than {@code offset} while it was being read. */
    public FileTruncatedException(String message, long offset, Throwable cause) {
        super(message, offset, cause);
    }
}
