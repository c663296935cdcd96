package dev.extos.vm.maps;

/** The Linux error numbers map operations and helpers return, negated, as the kernel's do. */
public final class Errno {
    private Errno() {
    }

    /** No such entry (lookup or delete of a missing key, pop of an empty queue, update with BPF_EXIST). */
    public static final int ENOENT = 2;
    /** The map is full. */
    public static final int E2BIG = 7;
    /** Try again: no room in a ring buffer. */
    public static final int EAGAIN = 11;
    /** The key exists (update with BPF_NOEXIST). */
    public static final int EEXIST = 17;
    /** Invalid argument: bad flags, an operation the map type does not have. */
    public static final int EINVAL = 22;
    /** Result out of range (a number too large to parse). */
    public static final int ERANGE = 34;

    /** The name of error number {@code errno} (positive), for messages. */
    public static String name(int errno) {
        return switch (Math.abs(errno)) {
            case ENOENT -> "ENOENT";
            case E2BIG -> "E2BIG";
            case EAGAIN -> "EAGAIN";
            case EEXIST -> "EEXIST";
            case EINVAL -> "EINVAL";
            case ERANGE -> "ERANGE";
            default -> "errno " + Math.abs(errno);
        };
    }
}
