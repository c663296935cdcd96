package dev.extos.linux;

/**
 * An open kernel object ExtOS holds an fd for: a program, a map or a link (an attachment). Pins,
 * ids and {@link BpfFs#open} deal in these; a switch over the three kinds needs no default.
 */
public sealed interface KernelHandle extends AutoCloseable permits LoadedProgram, KernelMap, KernelLink {
    /** The file descriptor, valid until {@link #close()}. */
    int fd();

    /** The object's system-wide id (what {@code extos kernel list} and bpftool show). */
    int id() throws KernelRejectedException;

    /** Releases the fd; the kernel frees the object when no fd, pin or attachment holds it any more. */
    @Override
    void close();
}
