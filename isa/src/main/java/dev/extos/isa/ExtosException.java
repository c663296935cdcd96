package dev.extos.isa;

/** Root of every error ExtOS reports; messages are written for the person who will read them. */
public class ExtosException extends RuntimeException {
    public ExtosException(String message) {
        super(message);
    }

    public ExtosException(String message, Throwable cause) {
        super(message, cause);
    }
}
