package dev.extos.linux;

import dev.extos.isa.ExtosException;

/** A socket call the kernel refused, quoting the call and its errno (e.g. EADDRINUSE for a port in use). */
public final class KernelSocketException extends ExtosException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public KernelSocketException(String call, int errno) {
        this(call + " failed with " + Errno.name(errno), errno, true);
    }

    private KernelSocketException(String message, int errno, boolean whole) {
        super(message);
        this.errno = errno;
    }

    /** An error whose {@code message} is already written for the user, with the errno it stands for. */
    static KernelSocketException withMessage(String message, int errno) {
        return new KernelSocketException(message, errno, true);
    }

    /** The errno value. */
    public int errno() {
        return errno;
    }

    /** The errno's symbolic name. */
    public String errnoName() {
        return Errno.name(errno);
    }
}
