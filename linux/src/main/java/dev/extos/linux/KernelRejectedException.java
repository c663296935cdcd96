package dev.extos.linux;

/**
 * The kernel refused a bpf() command; for PROG_LOAD, {@link #log()} is the kernel verifier's log.
 * Unchecked, like every ExtOS error; methods that issue bpf() commands declare it all the same.
 */
public final class KernelRejectedException extends dev.extos.isa.ExtosException {
    private static final long serialVersionUID = 1L;

    private final int command;
    private final int errno;
    private final String log;

    public KernelRejectedException(int command, int errno, String log) {
        super("bpf(" + Bpf.commandName(command) + ") failed with " + Errno.name(errno)
                + (log.isBlank() ? "" : ": " + lastLines(log, 3)));
        this.command = command;
        this.errno = errno;
        this.log = log;
    }

    /** The bpf() command number, e.g. {@link Bpf#BPF_PROG_LOAD}. */
    public int command() {
        return command;
    }

    /** The errno value. */
    public int errno() {
        return errno;
    }

    /** The errno's symbolic name, e.g. {@code EACCES}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** The kernel's verifier log (empty when none was produced). */
    public String log() {
        return log;
    }

    /** The log's last non-empty lines, which hold the kernel's reason. */
    public static String lastLines(String log, int n) {
        String[] lines = log.strip().split("\n");
        int from = Math.max(0, lines.length - n);
        return String.join(" | ", java.util.Arrays.asList(lines).subList(from, lines.length));
    }
}
