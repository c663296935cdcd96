package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.linux.Bpf;
import dev.extos.linux.BpfStats;
import dev.extos.linux.Errno;
import dev.extos.linux.KernelRejectedException;
import dev.extos.linux.LoadedProgram;
import dev.extos.linux.ProgramInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code extos kernel run}: BPF_PROG_TEST_RUN of a program in the kernel on given bytes. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a program in the kernel on given bytes (BPF_PROG_TEST_RUN).",
            "",
            "Runs a program in the kernel on the given packet bytes (BPF_PROG_TEST_RUN), N times, and prints",
            "its return value, the kernel's mean time per run and the packet as the program left it. Without data,",
            "the packet is 64 zero bytes (XDP and socket filters need at least 14: an Ethernet header).",
            "--enable-stats keeps the kernel's statistics on during the run, so that its runs are counted",
            "(extos kernel show then shows them) even while kernel.bpf_stats_enabled is 0."})
final class KernelRunCommand implements Callable<Integer> {
    private static final int DEFAULT_PACKET = 64;
    private static final String[] XDP_ACTIONS = {"XDP_ABORTED", "XDP_DROP", "XDP_PASS", "XDP_TX", "XDP_REDIRECT"};

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID|PATH", description = "A program id or the pin path of a program.")
    private String target;

    @Option(names = "--data", paramLabel = "HEX", description = "The packet as hex bytes, e.g. 'ff ff ff ff ff ff ...'.")
    private String dataHex;

    @Option(names = "--data-file", paramLabel = "F", description = "The packet: the bytes of file F.")
    private Path dataFile;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "Run N times (default: ${DEFAULT-VALUE}); the time is the mean.")
    private int repeat;

    @Option(names = "--enable-stats", description = "Count the runs in the program's statistics (BPF_ENABLE_STATS while running).")
    private boolean enableStats;

    @Override
    public Integer call() {
        if (dataHex != null && dataFile != null) {
            throw new ExtosException("give the packet with --data or with --data-file, not both");
        }
        if (repeat < 1) {
            throw new ExtosException("--repeat must be at least 1, not " + repeat);
        }
        byte[] data = dataHex != null ? Hex.parse(dataHex, "--data")
                : dataFile != null ? Inputs.readBytes(dataFile.toString()) : new byte[DEFAULT_PACKET];
        PrintWriter out = spec.commandLine().getOut();
        try (LoadedProgram program = KernelTargets.program(target)) {
            ProgramInfo before = program.info();
            Bpf.TestRun run = testRun(program, data);
            out.println("program " + before.id() + " " + before.name() + ": " + repeat + " run" + (repeat == 1 ? "" : "s")
                    + " on " + data.length + " bytes");
            out.println("retval " + run.retval() + action(before.type(), run.retval()));
            out.println("duration " + KernelFormat.nanos(run.nanosPerRun()) + " per run (the kernel's clock)");
            out.println("data out (" + run.dataOut().length + " bytes): " + HexFormat.of().formatHex(run.dataOut()));
            if (enableStats) {
                ProgramInfo after = program.info();
                out.println("statistics: run count " + before.runCount() + " -> " + after.runCount() + ", run time "
                        + KernelFormat.nanos(after.runTimeNanos()));
            }
        }
        out.flush();
        return 0;
    }

    private Bpf.TestRun testRun(LoadedProgram program, byte[] data) {
        try {
            if (!enableStats) {
                return Bpf.testRun(program, data, repeat);
            }
            try (BpfStats stats = BpfStats.enable()) {
                return Bpf.testRun(program, data, repeat);
            }
        } catch (KernelRejectedException e) {
            throw new ExtosException("the kernel would not run " + target + ": " + e.getMessage()
                    + (e.errno() == Errno.EINVAL ? " (is the packet at least 14 bytes, an Ethernet header?)" : ""), e);
        }
    }

    private static String action(int type, long retval) {
        if (type == Bpf.BPF_PROG_TYPE_XDP && retval < XDP_ACTIONS.length) {
            return " (" + XDP_ACTIONS[(int) retval] + ")";
        }
        if (type == Bpf.BPF_PROG_TYPE_SOCKET_FILTER) {
            return retval == 0 ? " (drop)" : " (keep " + retval + " bytes)";
        }
        return "";
    }
}
