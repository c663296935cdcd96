package dev.extos.linux;

import java.util.Map;

/** Names for the Linux (x86-64, asm-generic) errno values the bpf() system call returns. */
public final class Errno {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(3, "ESRCH"), Map.entry(4, "EINTR"),
            Map.entry(5, "EIO"), Map.entry(7, "E2BIG"), Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"),
            Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"),
            Map.entry(17, "EEXIST"), Map.entry(19, "ENODEV"), Map.entry(22, "EINVAL"), Map.entry(24, "EMFILE"),
            Map.entry(28, "ENOSPC"), Map.entry(34, "ERANGE"), Map.entry(38, "ENOSYS"), Map.entry(95, "EOPNOTSUPP"),
            Map.entry(98, "EADDRINUSE"), Map.entry(99, "EADDRNOTAVAIL"), Map.entry(88, "ENOTSOCK"),
            Map.entry(97, "EAFNOSUPPORT"), Map.entry(105, "ENOBUFS"), Map.entry(524, "ENOTSUPP"));

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EBUSY = 16;
    public static final int EOPNOTSUPP = 95;
    public static final int E2BIG = 7;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int ENOSYS = 38;

    private Errno() {
    }

    /** The symbolic name of {@code errno}, e.g. {@code EACCES}, or {@code errno 123} for unknown values. */
    public static String name(int errno) {
        String n = NAMES.get(errno);
        return n != null ? n : "errno " + errno;
    }
}
