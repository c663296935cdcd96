package dev.extos.cli;

import dev.extos.cli.bench.UdpBench;
import dev.extos.linux.Bpf;
import dev.extos.linux.KernelDomain;
import dev.extos.linux.KernelRejectedException;
import dev.extos.linux.LoadedProgram;
import java.io.PrintWriter;
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
            "  all, DatagramChannel   blocking java.nio receive, the application checks the first byte",
            "The receiver drains batches of 2,000 datagrams that the sender has queued (--streaming: it blocks as they come).",
            "Columns: receive calls made, matching datagrams kept and lost, the socket's kernel drops (its filter's",
            "included), receive-queue overflows in the namespace (RcvbufErrors), the receiving thread's sleeps",
            "(voluntary context switches), first-to-last datagram time, the receiving thread's CPU over that span",
            "(app CPU) and the process CPU (the sending thread included: on loopback the kernel runs the filter in",
            "the sender's system call). Needs CAP_BPF (root)."})
final class UdpBenchCommand implements Callable<Integer> {
    static final String FILTER = "udp-first-byte.s";

    @Spec
    private CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1000000", description = "Datagrams per way (default: ${DEFAULT-VALUE}).")
    private long count;

    @Option(names = "--no-warm-up", description = "Skip the discarded warm-up round of each way.")
    private boolean noWarmUp;

    @Option(names = "--streaming", description = {"The receiver blocks as datagrams come rather than draining whole queued",
        "batches of 2,000; with this sender it then pays a wake-up for most datagrams."})
    private boolean streaming;

    @Override
    public Integer call() throws KernelRejectedException {
        if (count < 100) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 100");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KernelDomain kernel = KernelDomain.open();
             LoadedProgram filter = Bpf.load(Bpf.BPF_PROG_TYPE_SOCKET_FILTER, BundledPrograms.load(FILTER).encode(), "GPL", 0,
                     "udp_first_byte")) {
            List<UdpBench.Outcome> outcomes = new UdpBench(spec.commandLine().getErr(), !streaming).run(filter, count, !noWarmUp);
            UdpBench.print(out, outcomes);
            long overflows = outcomes.stream().mapToLong(UdpBench.Outcome::overflows).sum();
            if (overflows > 0) {
                out.println("warning: " + overflows + " datagrams overflowed a receive queue during the run; the counts are incomplete");
            }
            UdpBench.Outcome k = outcomes.getFirst();
            boolean exact = k.kept() == k.expectedKept() && k.received() == k.kept();
            if (!exact) {
                out.println("the kernel-filtered socket received " + k.received() + " datagrams, " + k.kept() + " of them matching; "
                        + k.expectedKept() + " matching were sent");
            }
            out.flush();
            return exact ? 0 : 1;
        }
    }
}
