package dev.extos.cli;

import dev.extos.linux.BpfFs;
import dev.extos.linux.KernelLink;
import dev.extos.linux.LoadedProgram;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code extos kernel attach}: attaches a loaded XDP program to an interface through a pinned link. */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Attaches a loaded XDP program to a network interface.",
            "",
            "The program then sees every packet the interface receives, before the kernel's network stack,",
            "and may drop it (XDP_DROP) or let it pass. The attachment is a BPF link pinned under",
            "/sys/fs/bpf/extos/links/, so it outlives the command; extos kernel unload PIN detaches it.",
            "Example: extos kernel load fixtures/bpf/xdp_drop_port.o, then",
            "extos kernel attach /sys/fs/bpf/extos/xdp_drop_port/drop_udp_port --xdp lo"})
final class KernelAttachCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID|PIN", description = "The program: its id, or the path of its pin.")
    private String target;

    @Option(names = "--xdp", paramLabel = "INTERFACE", required = true, description = "The interface whose received packets the program sees, e.g. eth0 or lo.")
    private String interfaceName;

    @Option(names = "--mode", paramLabel = "generic|native", defaultValue = "generic",
            description = "generic (every interface, after the socket buffer is built; the default) or native (in the driver, where it supports XDP).")
    private String mode;

    @Option(names = "--pin", paramLabel = "PATH", description = "Where to pin the link (default: /sys/fs/bpf/extos/links/xdp-INTERFACE).")
    private Path pin;

    @Override
    public Integer call() {
        KernelTargets.requireBpf();
        KernelLink.XdpMode xdpMode = switch (mode) {
            case "generic" -> KernelLink.XdpMode.GENERIC;
            case "native" -> KernelLink.XdpMode.NATIVE;
            default -> throw new dev.extos.isa.ExtosException("--mode is generic or native, not '" + mode + "'");
        };
        Path where = pin != null ? pin : KernelTargets.EXTOS_PINS.resolve("links").resolve("xdp-" + interfaceName);
        PrintWriter out = spec.commandLine().getOut();
        try (LoadedProgram program = KernelTargets.program(target);
             KernelLink link = KernelLink.attachXdp(program, interfaceName, xdpMode)) {
            BpfFs.pin(link, where);
            KernelLink.Info info = link.info();
            out.println("attached program " + program.info().id() + " " + program.info().name() + " to " + interfaceName
                    + " (" + mode + " XDP): link " + info.id() + " pinned at " + where.toAbsolutePath().normalize());
            out.println("extos kernel unload " + where.toAbsolutePath().normalize() + " detaches it");
        }
        out.flush();
        return 0;
    }
}
