package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.linux.CaptureStatistics;
import dev.extos.linux.CapturedPacket;
import dev.extos.linux.KernelDomain;
import dev.extos.linux.KernelMap;
import dev.extos.linux.PacketCapture;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code extos capture}: packet capture on an interface through a socket filter running in the Linux kernel. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Captures the packets an interface sends and receives through a socket-filter program",
            "(SEC(\"socket\")) attached in the Linux kernel to an AF_PACKET socket, tcpdump's core done with eBPF:",
            "the packets the program drops never reach this process. Prints one line per packet, then a summary.",
            "Needs CAP_NET_RAW and CAP_BPF (root). Example:",
            "  extos capture --interface lo --filter fixtures/bpf/capture_udp_port.o --set port=9000 --count 10"})
final class CaptureCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
    /** How often the receive loop looks up from the socket to notice Ctrl-C and --timeout. */
    private static final Duration POLL = Duration.ofMillis(200);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-i", "--interface"}, paramLabel = "NAME", required = true, description = "The interface to capture on, e.g. lo or eth0.")
    private String interfaceName;

    @Option(names = "--filter", paramLabel = "PROG.o", description = "An ELF object holding a SEC(\"socket\") program; without it every packet arrives.")
    private Path filter;

    @Option(names = {"--section", "--program"}, paramLabel = "NAME", description = "The program's section or function name, when the object holds several.")
    private String section;

    @Option(names = "--set", paramLabel = "MAP=VALUE",
            description = "Before capturing, sets entry 0 of the filter's array map MAP to the integer VALUE (little-endian,"
                    + " the map's value size): the way to give a filter its parameters. Repeatable.")
    private List<String> settings = new ArrayList<>();

    @Option(names = {"-c", "--count"}, paramLabel = "N", defaultValue = "0", description = "Stop after N packets (default: never).")
    private long count;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop when nothing arrives for this long (default: wait for ever; Ctrl-C stops too).")
    private double timeout;

    @Option(names = "--hex", description = "Also print each packet's captured bytes in hex.")
    private boolean hex;

    @Override
    public Integer call() {
        if (!settings.isEmpty() && filter == null) {
            throw new ParameterException(spec.commandLine(), "--set needs --filter: it sets a map of the filter");
        }
        PrintWriter out = spec.commandLine().getOut();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            stop.set(true);
            try {
                done.await(2, TimeUnit.SECONDS); // let the loop print its summary before the JVM goes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try (KernelDomain kernel = KernelDomain.open()) {
            KernelFilter kept = filter == null ? null : KernelFilter.load(kernel, filter, section);
            for (String setting : settings) {
                MapSetting.apply(kept.object(), setting);
            }
            PacketCapture capture = kernel.capture(interfaceName, kept == null ? null : kept.program());
            capture.setReceiveTimeout(POLL);
            out.println("capturing on " + interfaceName + (kept == null ? " (no filter)" : " through " + kept.name() + " in the kernel"));
            out.flush();
            long quietSince = System.nanoTime();
            while ((count == 0 || capture.captured() < count) && !stop.get()) {
                CapturedPacket p = capture.next();
                if (p == null) {
                    if (timeout > 0 && System.nanoTime() - quietSince > timeout * 1e9) {
                        out.println("nothing for " + timeout + " s: stopping");
                        break;
                    }
                    continue;
                }
                quietSince = System.nanoTime();
                out.println(line(p));
                if (hex) {
                    dump(out, p.data());
                }
                out.flush();
            }
            summary(out, capture.captured(), capture.statistics());
            if (kept != null) {
                KernelMapsPrinter.print(out, kept.object());
            }
            out.flush();
            return 0;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the summary printed above
            }
        }
    }

    /** {@code 02:31:07.123456 98 bytes IPv4 127.0.0.1:40000 > 127.0.0.1:9000 UDP 56 bytes}. */
    static String line(CapturedPacket p) {
        String when = LocalTime.ofInstant(p.time(), ZoneId.systemDefault()).format(TIME);
        String length = p.capturedLength() < p.length() ? p.length() + " bytes (" + p.capturedLength() + " captured)"
                : p.length() + " bytes";
        return when + (p.outgoing() ? " out " : " ") + length + " " + PacketSummary.describe(p.data());
    }

    private static void dump(PrintWriter out, byte[] data) {
        HexFormat h = HexFormat.ofDelimiter(" ");
        for (int at = 0; at < data.length; at += 16) {
            out.printf("  %04x  %s%n", at, h.formatHex(data, at, Math.min(data.length, at + 16)));
        }
    }

    private static void summary(PrintWriter out, long captured, CaptureStatistics kernel) {
        out.println(captured + " packet" + (captured == 1 ? "" : "s") + " captured; kernel statistics: " + kernel.received()
                + " reached the socket, " + kernel.dropped() + " of them dropped for a full receive queue");
    }
}
