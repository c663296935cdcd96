package dev.extos.linux;

/** A program loaded into the kernel: owns its file descriptor, which {@link #close()} releases. */
public final class LoadedProgram implements KernelHandle {
    private final FileDescriptor fd;
    private final int type;
    private final String log;

    LoadedProgram(int fd, int type, String log) {
        this.fd = new FileDescriptor(fd, "program");
        this.type = type;
        this.log = log;
    }

    /** Takes ownership of {@code fd}, an open program (from an id or a pin); its type comes from the kernel's info. */
    static LoadedProgram adopt(int fd) throws KernelRejectedException {
        try {
            return new LoadedProgram(fd, ObjectInfo.program(fd).type(), "");
        } catch (RuntimeException e) {
            Bpf.closeFd(fd);
            throw e;
        }
    }

    @Override
    public int id() throws KernelRejectedException {
        return info().id();
    }

    /** The program's file descriptor; valid until {@link #close()}. */
    public int fd() {
        return fd.get();
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
    public boolean isClosed() {
        return fd.isClosed();
    }

    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "LoadedProgram[fd=" + fd.number() + ", type=" + type + (isClosed() ? ", closed" : "") + "]";
    }
}
