package dev.extos.linux;

/** A program loaded into the kernel: owns its file descriptor, which {@link #close()} releases. */
public final class LoadedProgram implements AutoCloseable {
    private final int fd;
    private final int type;
    private final String log;
    private boolean closed;

    LoadedProgram(int fd, int type, String log) {
        this.fd = fd;
        this.type = type;
        this.log = log;
    }

    /** The program's file descriptor; valid until {@link #close()}. */
    public int fd() {
        if (closed) {
            throw new IllegalStateException("program fd " + fd + " is closed");
        }
        return fd;
    }

    /** The BPF program type it was loaded as. */
    public int type() {
        return type;
    }

    /** The kernel verifier's log for the accepted program (empty at log level 0). */
    public String log() {
        return log;
    }

    /** The kernel's description of the program: id, tag, sizes, run count and time (with {@link BpfStats} on). */
    public ProgramInfo info() throws KernelRejectedException {
        return ObjectInfo.program(fd());
    }

    /** True once closed. */
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Bpf.closeFd(fd);
        }
    }

    @Override
    public String toString() {
        return "LoadedProgram[fd=" + fd + ", type=" + type + (closed ? ", closed" : "") + "]";
    }
}
