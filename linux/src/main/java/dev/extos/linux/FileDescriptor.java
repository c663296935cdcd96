package dev.extos.linux;

/**
 * One kernel file descriptor and the duty to close it exactly once: the single owner behind
 * every program, map, BTF, statistics and socket handle of this package.
 */
final class FileDescriptor implements AutoCloseable {
    private final int fd;
    private final String what;
    private boolean closed;

    /** Takes ownership of {@code fd}; {@code what} names it in errors, e.g. "kernel map 'counters'". */
    FileDescriptor(int fd, String what) {
        this.fd = fd;
        this.what = what;
    }

    /** The number, valid until {@link #close()}. */
    synchronized int get() {
        if (closed) {
            throw new IllegalStateException(what + " (fd " + fd + ") is closed");
        }
        return fd;
    }

    /** The number even after closing, for toString. */
    int number() {
        return fd;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Bpf.closeFd(fd);
        }
    }
}
