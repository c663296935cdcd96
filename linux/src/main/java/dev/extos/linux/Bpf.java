package dev.extos.linux;

import dev.extos.isa.Program;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * The Linux {@code bpf(2)} system call through {@code java.lang.foreign}: libc's variadic
 * {@code syscall(long number, ...)} with errno captured by the linker, and {@code union bpf_attr}
 * laid out by hand in native memory. x86-64 only (system call 321).
 */
public final class Bpf {
    /** The x86-64 system call number of bpf(2). */
    public static final long SYS_BPF = 321;

    public static final int BPF_MAP_CREATE = 0;
    public static final int BPF_MAP_LOOKUP_ELEM = 1;
    public static final int BPF_MAP_UPDATE_ELEM = 2;
    public static final int BPF_MAP_DELETE_ELEM = 3;
    public static final int BPF_MAP_GET_NEXT_KEY = 4;
    public static final int BPF_PROG_LOAD = 5;
    /** bpf() command: give an object a path on a bpf file system, which keeps it alive without any fd. */
    public static final int BPF_OBJ_PIN = 6;
    /** bpf() command: open a pinned object by its path. */
    public static final int BPF_OBJ_GET = 7;
    /** bpf() command: run a loaded program on given data in the kernel, repeatedly, and time it. */
    public static final int BPF_PROG_TEST_RUN = 10;
    /** bpf() commands: walk the ids of every program or map in the kernel, and open one by id. */
    public static final int BPF_PROG_GET_NEXT_ID = 11;
    public static final int BPF_MAP_GET_NEXT_ID = 12;
    public static final int BPF_PROG_GET_FD_BY_ID = 13;
    public static final int BPF_MAP_GET_FD_BY_ID = 14;
    public static final int BPF_OBJ_GET_INFO_BY_FD = 15;
    /** bpf() command: load type information (BTF) that maps and programs then refer to. */
    public static final int BPF_BTF_LOAD = 18;
    /** bpf() command: make a map read-only for user space from now on (programs may still write unless BPF_F_RDONLY_PROG). */
    public static final int BPF_MAP_FREEZE = 22;
    /** bpf() command: attach a program to a hook through a link, which detaches it when the last fd or pin goes. */
    public static final int BPF_LINK_CREATE = 28;
    public static final int BPF_LINK_GET_FD_BY_ID = 30;
    public static final int BPF_LINK_GET_NEXT_ID = 31;

    public static final int BPF_PROG_TYPE_SOCKET_FILTER = 1;
    public static final int BPF_PROG_TYPE_XDP = 6;

    /** The default size of the verifier log buffer. */
    public static final int DEFAULT_LOG_SIZE = 1 << 20;
    /** The kernel's limit on log_size (UINT_MAX >> 2); we stop growing the buffer well before. */
    private static final int MAX_LOG_SIZE = 16 << 20;

    /** {@code sizeof(union bpf_attr)} is below this in every kernel to date; the rest is zero. */
    private static final long ATTR_SIZE = 256;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SYSCALL3;
    private static final MethodHandle CLOSE;
    private static final MethodHandle MOUNT;

    static {
        String arch = System.getProperty("os.arch");
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                || !("amd64".equals(arch) || "x86_64".equals(arch))) {
            SYSCALL3 = null;
            CLOSE = null;
            MOUNT = null;
        } else {
            SymbolLookup libc = LINKER.defaultLookup();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            // long syscall(long number, ...): here (long, int cmd, void *attr, unsigned int size).
            SYSCALL3 = LINKER.downcallHandle(libc.find("syscall").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                    errno, Linker.Option.firstVariadicArg(1));
            CLOSE = LINKER.downcallHandle(libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno);
            // int mount(const char *source, const char *target, const char *fstype, unsigned long flags, const void *data)
            MOUNT = LINKER.downcallHandle(libc.find("mount").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), errno);
        }
    }

    private Bpf() {
    }

    /** True on the platforms this class supports (Linux on x86-64). */
    public static boolean supported() {
        return SYSCALL3 != null;
    }

    /** A readable name for a bpf() command. */
    public static String commandName(int cmd) {
        return switch (cmd) {
            case BPF_MAP_CREATE -> "BPF_MAP_CREATE";
            case BPF_MAP_LOOKUP_ELEM -> "BPF_MAP_LOOKUP_ELEM";
            case BPF_MAP_UPDATE_ELEM -> "BPF_MAP_UPDATE_ELEM";
            case BPF_MAP_DELETE_ELEM -> "BPF_MAP_DELETE_ELEM";
            case BPF_MAP_GET_NEXT_KEY -> "BPF_MAP_GET_NEXT_KEY";
            case BPF_PROG_LOAD -> "BPF_PROG_LOAD";
            case BPF_OBJ_PIN -> "BPF_OBJ_PIN";
            case BPF_LINK_CREATE -> "BPF_LINK_CREATE";
            case BPF_OBJ_GET -> "BPF_OBJ_GET";
            case BPF_PROG_GET_NEXT_ID -> "BPF_PROG_GET_NEXT_ID";
            case BPF_MAP_GET_NEXT_ID -> "BPF_MAP_GET_NEXT_ID";
            case BPF_PROG_GET_FD_BY_ID -> "BPF_PROG_GET_FD_BY_ID";
            case BPF_MAP_GET_FD_BY_ID -> "BPF_MAP_GET_FD_BY_ID";
            case BPF_BTF_LOAD -> "BPF_BTF_LOAD";
            case BpfStats.BPF_ENABLE_STATS -> "BPF_ENABLE_STATS";
            case BPF_PROG_TEST_RUN -> "BPF_PROG_TEST_RUN";
            case BPF_OBJ_GET_INFO_BY_FD -> "BPF_OBJ_GET_INFO_BY_FD";
            case BPF_MAP_FREEZE -> "BPF_MAP_FREEZE";
            default -> "cmd " + cmd;
        };
    }

    /**
     * Loads {@code program} with {@code BPF_PROG_LOAD} as {@code progType}, with license
     * {@code license} and the verifier log at {@code logLevel} (0 = none, 1 = errors and summary,
     * 2 = every instruction). On failure the exception quotes the errno and the verifier log.
     * The log buffer starts at 1 MiB; when the kernel reports ENOSPC (log truncated) the load is
     * repeated with a buffer four times bigger, up to 16 MiB, after which ENOSPC is reported with
     * the truncated log.
     */
    public static LoadedProgram load(int progType, Program program, String license, int logLevel)
            throws KernelRejectedException {
        return load(progType, program.encode(), license, logLevel);
    }

    /** {@link #load(int, Program, String, int)} for already-encoded instructions (8 bytes each). */
    public static LoadedProgram load(int progType, byte[] insns, String license, int logLevel)
            throws KernelRejectedException {
        return load(progType, insns, license, logLevel, "");
    }

    /**
     * {@link #load(int, byte[], String, int)} with the program's name as the kernel shows it
     * (bpftool, {@link LoadedProgram#info()}): cut to 15 characters, others than letters, digits,
     * '_' and '.' replaced by '_'.
     */
    public static LoadedProgram load(int progType, byte[] insns, String license, int logLevel, String name)
            throws KernelRejectedException {
        return load(progType, insns, license, logLevel, name, null);
    }

    /**
     * {@link #load(int, byte[], String, int, String)} with the program's type information: the
     * BTF fd and its function and line records, so that the kernel's log quotes the C source
     * lines (null: none).
     */
    static LoadedProgram load(int progType, byte[] insns, String license, int logLevel, String name, ProgramBtf btf)
            throws KernelRejectedException {
        requireSupported();
        if (insns.length % 8 != 0) {
            throw new IllegalArgumentException("instruction bytes not a multiple of 8: " + insns.length);
        }
        int logSize = logLevel == 0 ? 0 : DEFAULT_LOG_SIZE;
        while (true) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment code = arena.allocate(Math.max(8, insns.length), 8);
                MemorySegment.copy(insns, 0, code, ValueLayout.JAVA_BYTE, 0, insns.length);
                MemorySegment lic = arena.allocateFrom(license, StandardCharsets.UTF_8);
                MemorySegment logBuf = logSize == 0 ? MemorySegment.NULL : arena.allocate(logSize);
                MemorySegment attr = arena.allocate(ATTR_SIZE, 8); // zeroed by the arena
                attr.set(ValueLayout.JAVA_INT, 0, progType);                 // prog_type
                attr.set(ValueLayout.JAVA_INT, 4, insns.length / 8);         // insn_cnt
                attr.set(ValueLayout.JAVA_LONG, 8, code.address());          // insns
                attr.set(ValueLayout.JAVA_LONG, 16, lic.address());          // license
                attr.set(ValueLayout.JAVA_INT, 24, logSize == 0 ? 0 : logLevel); // log_level
                attr.set(ValueLayout.JAVA_INT, 28, logSize);                 // log_size
                attr.set(ValueLayout.JAVA_LONG, 32, logBuf.address());       // log_buf
                attr.set(ValueLayout.JAVA_INT, 40, 0);                       // kern_version
                attr.set(ValueLayout.JAVA_INT, 44, 0);                       // prog_flags
                putName(attr, 48, name);                                     // prog_name
                if (btf != null) {
                    btf.write(arena, attr);
                }
                MemorySegment state = arena.allocate(CALL_STATE);
                long r = call(state, BPF_PROG_LOAD, attr);
                String log = logSize == 0 ? "" : logBuf.getString(0, StandardCharsets.UTF_8);
                if (r >= 0) {
                    return new LoadedProgram((int) r, progType, log);
                }
                int errno = (int) ERRNO.get(state, 0L);
                if (errno == Errno.ENOSPC && logSize > 0 && logSize < MAX_LOG_SIZE) {
                    logSize *= 4; // the log did not fit: run again with a bigger buffer
                    continue;
                }
                throw new KernelRejectedException(BPF_PROG_LOAD, errno, log);
            }
        }
    }

    /**
     * Runs {@code program} {@code repeat} times in the kernel on a copy of {@code data} with
     * {@code BPF_PROG_TEST_RUN} (for XDP and socket filters the data is the packet, at least 14
     * bytes: an Ethernet header) and returns the last run's r0, the kernel's own mean duration
     * per run and the packet as the program left it. The kernel times the loop with its clock,
     * preempting and rescheduling as it needs to, so the duration includes no system-call cost.
     *
     * @throws KernelRejectedException with the errno when the kernel refuses the run (EINVAL
     *         for data too short, ENOTSUPP for a program type without test runs, EPERM)
     */
    public static TestRun testRun(LoadedProgram program, byte[] data, int repeat) throws KernelRejectedException {
        requireSupported();
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, not " + repeat);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(Math.max(1, data.length), 8);
            MemorySegment.copy(data, 0, in, ValueLayout.JAVA_BYTE, 0, data.length);
            // Room for a packet the program grew (XDP tail adjustments stay within a page).
            int outSize = data.length + 4096;
            MemorySegment out = arena.allocate(outSize, 8);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(ValueLayout.JAVA_INT, 0, program.fd());        // prog_fd
            attr.set(ValueLayout.JAVA_INT, 8, data.length);         // data_size_in
            attr.set(ValueLayout.JAVA_INT, 12, outSize);            // data_size_out (in: room, out: bytes)
            attr.set(ValueLayout.JAVA_LONG, 16, in.address());      // data_in
            attr.set(ValueLayout.JAVA_LONG, 24, out.address());     // data_out
            attr.set(ValueLayout.JAVA_INT, 32, repeat);             // repeat
            MemorySegment state = arena.allocate(CALL_STATE);
            long r = call(state, BPF_PROG_TEST_RUN, attr);
            if (r < 0) {
                throw new KernelRejectedException(BPF_PROG_TEST_RUN, (int) ERRNO.get(state, 0L), "");
            }
            int outBytes = Math.min(outSize, attr.get(ValueLayout.JAVA_INT, 12));
            return new TestRun(attr.get(ValueLayout.JAVA_INT, 4) & 0xffffffffL, attr.get(ValueLayout.JAVA_INT, 36) & 0xffffffffL,
                    out.asSlice(0, outBytes).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /**
     * The outcome of {@link #testRun}: r0 of the program (the kernel keeps 32 bits), the mean ns
     * per run and the packet after the last run.
     */
    public record TestRun(long retval, long nanosPerRun, byte[] dataOut) {
        public TestRun {
            dataOut = dataOut.clone();
        }

        @Override
        public byte[] dataOut() {
            return dataOut.clone();
        }
    }

    /** A zeroed {@code union bpf_attr} in {@code arena}. */
    static MemorySegment attr(Arena arena) {
        return arena.allocate(ATTR_SIZE, 8);
    }

    /** bpf(cmd, attr): its non-negative result, or minus the errno. */
    static long invoke(int cmd, MemorySegment attr) {
        requireSupported();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            long r = call(state, cmd, attr);
            return r >= 0 ? r : -(int) ERRNO.get(state, 0L);
        }
    }

    /** bpf(cmd, attr): its non-negative result; a failure is a {@link KernelRejectedException} with the errno. */
    static long command(int cmd, MemorySegment attr) throws KernelRejectedException {
        long r = invoke(cmd, attr);
        if (r < 0) {
            throw new KernelRejectedException(cmd, (int) -r, "");
        }
        return r;
    }

    /** Writes {@code name} as the kernel accepts object names: at most 15 bytes of [A-Za-z0-9_.], NUL-terminated. */
    static void putName(MemorySegment attr, long offset, String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_.]", "_");
        byte[] b = clean.substring(0, Math.min(15, clean.length())).getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(b, 0, attr, ValueLayout.JAVA_BYTE, offset, b.length);
    }

    private static long call(MemorySegment state, int cmd, MemorySegment attr) {
        try {
            return (long) SYSCALL3.invokeExact(state, SYS_BPF, cmd, attr, (int) ATTR_SIZE);
        } catch (Throwable t) {
            throw new IllegalStateException("bpf() downcall failed", t);
        }
    }

    /** Closes a file descriptor with libc's close(2). */
    static void closeFd(int fd) {
        requireSupported();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) CLOSE.invokeExact(state, fd);
            if (r != 0) {
                int errno = (int) ERRNO.get(state, 0L);
                throw new IllegalStateException("close(" + fd + ") failed with " + Errno.name(errno));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("close() downcall failed", t);
        }
    }

    /** mount(2) of a file system of type {@code type} at {@code target}: 0, or the errno. */
    static int mount(String type, String target) {
        requireSupported();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment fs = arena.allocateFrom(type, StandardCharsets.UTF_8);
            int r = (int) MOUNT.invokeExact(state, fs, arena.allocateFrom(target, StandardCharsets.UTF_8), fs, 0L,
                    MemorySegment.NULL);
            return r == 0 ? 0 : (int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("mount() downcall failed", t);
        }
    }

    private static void requireSupported() {
        if (!supported()) {
            throw new UnsupportedOperationException("bpf() is only available on Linux x86-64, not "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
    }
}
