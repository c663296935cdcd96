package dev.extos.cli;

import dev.extos.cli.bench.UdpBench;
import dev.extos.linux.Bpf;
import dev.extos.linux.KernelDomain;
import dev.extos.linux.LoadedProgram;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code extos bench udp}: kernel-filtered UDP receive against receiving everything and filtering in Java. */
@Command(name = "udp", mixinStandardHelpOptions = true,
        description = {"100-byte UDP datagrams on loopback, 1% of them starting with 'K', received three ways:",
            "  kernel filter          udp-first-byte.s attached with SO_ATTACH_BPF: only the 1% reach the application",
            "  all, FFM socket        the same socket without a filter; the application checks the first byte",
            "  all, DatagramChannel   java.nio, the application checks the first byte",
            "Application CPU is the receiving thread's CPU time; the sender runs in the same process",
            "(on loopback the kernel runs the filter in the sender's system call). Needs CAP_BPF (root)."})
final class UdpBenchCommand implements Callable<Integer> {
    static final String FILTER = "udp-first-byte.s";

    @Spec
    private CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1000000", description = "Datagrams per way (default: ${DEFAULT-VALUE}).")
    private long count;

    @Override
    public Integer call() {
        if (count < 100) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 100");
        }
        try (KernelDomain kernel = KernelDomain.open();
             LoadedProgram filter = Bpf.load(Bpf.BPF_PROG_TYPE_SOCKET_FILTER, BundledPrograms.load(FILTER).encode(), "GPL", 1,
                     "udp_first_byte")) {
            List<UdpBench.Outcome> outcomes = new UdpBench(spec.commandLine().getErr()).run(filter, count);
            UdpBench.print(spec.commandLine().getOut(), outcomes);
            return outcomes.stream().allMatch(o -> o.kept() == o.expectedKept() && o.received() >= o.kept()) ? 0 : 1;
        }
    }
}
