package dev.extos.linux;

import dev.extos.isa.ExtosException;

/** An ELF object (or a part of it) that cannot go into the kernel, with the reason for the user. */
public final class KernelObjectException extends ExtosException {
    private static final long serialVersionUID = 1L;

    public KernelObjectException(String message) {
        super(message);
    }

    public KernelObjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
