package dev.extos.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code extos kernel}: manages programs and maps in the Linux kernel, bpftool's everyday core. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = {"Manages eBPF programs and maps in the Linux kernel.",
            "",
            "Loads, lists, inspects, pins, runs, attaches (XDP) and unloads them; this is bpftool's everyday core.",
            "Programs loaded here are pinned under /sys/fs/bpf/extos/<object>/ so that they outlive the command.",
            "Needs CAP_BPF and CAP_SYS_ADMIN (root). See docs/kernel.md."},
        subcommands = {KernelLoadCommand.class, KernelListCommand.class, KernelShowCommand.class, KernelPinCommand.class,
                KernelUnloadCommand.class, KernelRunCommand.class, KernelStatsCommand.class, KernelAttachCommand.class})
final class KernelCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
