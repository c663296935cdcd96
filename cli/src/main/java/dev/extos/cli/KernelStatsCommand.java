package dev.extos.cli;

import dev.extos.isa.ExtosException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code extos kernel stats}: shows or sets the sysctl kernel.bpf_stats_enabled. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Shows or sets kernel.bpf_stats_enabled (run counts and times).",
            "",
            "Shows, or turns on or off, kernel.bpf_stats_enabled: while it is 1 the kernel counts every",
            "program's runs and run time (what extos kernel list and show print), at a cost of some nanoseconds per",
            "run. This writes the sysctl, so it lasts until turned off or reboot: a program attached to an interface",
            "runs between commands, when no ExtOS process is there to hold statistics on (see docs/kernel.md)."})
final class KernelStatsCommand implements Callable<Integer> {
    private static final Path SYSCTL = Path.of("/proc/sys/kernel/bpf_stats_enabled");

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "on|off", description = "Turn statistics on or off; without it, show the setting.")
    private String state;

    /** Whether the sysctl is 1 now (false when it cannot be read). */
    static boolean enabled() {
        try {
            return Files.readString(SYSCTL).strip().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Integer call() {
        if (state != null) {
            String value = switch (state) {
                case "on" -> "1";
                case "off" -> "0";
                default -> throw new ExtosException("extos kernel stats takes on or off, not '" + state + "'");
            };
            try {
                Files.writeString(SYSCTL, value);
            } catch (IOException e) {
                throw new ExtosException("cannot write " + SYSCTL + " (needs root): " + e.getMessage(), e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("kernel.bpf_stats_enabled = " + (enabled() ? "1: run counts and times are recorded for every program"
                : "0: run counts and times are not recorded (extos kernel stats on)"));
        out.flush();
        return 0;
    }
}
