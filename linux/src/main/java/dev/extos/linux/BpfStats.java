package dev.extos.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Run-time statistics of every BPF program (run counts and time in {@link ProgramInfo}), on
 * while an instance is open: BPF_ENABLE_STATS gives an fd that keeps them on, as if
 * {@code kernel.bpf_stats_enabled} were 1, until it is closed. Statistics cost a few
 * nanoseconds per run, which is why the kernel leaves them off.
 */
public final class BpfStats implements AutoCloseable {
    /** bpf() command BPF_ENABLE_STATS. */
    static final int BPF_ENABLE_STATS = 32;
    /** BPF_STATS_RUN_TIME, the only kind of statistics. */
    private static final int RUN_TIME = 0;

    private final FileDescriptor fd;

    private BpfStats(int fd) {
        this.fd = new FileDescriptor(fd, "statistics handle");
    }

    /** Turns statistics on until {@link #close()}. */
    public static BpfStats enable() throws KernelRejectedException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = Bpf.attr(arena);
            attr.set(ValueLayout.JAVA_INT, 0, RUN_TIME); // enable_stats.type
            return new BpfStats((int) Bpf.command(BPF_ENABLE_STATS, attr));
        }
    }

    @Override
    public void close() {
        fd.close();
    }
}
