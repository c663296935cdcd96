package dev.extos.linux;

import dev.extos.isa.ExtosException;

/** A map operation the kernel refused, with the errno it gave (e.g. EEXIST for an update with NOEXIST on a present key). */
public final class KernelMapException extends ExtosException {
    private static final long serialVersionUID = 1L;

    private final int command;
    private final int errno;

    public KernelMapException(String map, int command, int errno, String why) {
        super("kernel map '" + map + "': bpf(" + Bpf.commandName(command) + ") failed with " + Errno.name(errno)
                + (why.isEmpty() ? "" : " (" + why + ")"));
        this.command = command;
        this.errno = errno;
    }

    /** The bpf() command, e.g. {@link Bpf#BPF_MAP_UPDATE_ELEM}. */
    public int command() {
        return command;
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
