package dev.extos.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code extos bench}: whole-job benchmarks that print figures and ratios against their baselines. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Whole-job benchmarks; each prints its figures with the baselines measured in the same run.",
        subcommands = {ReadBenchCommand.class, UdpBenchCommand.class})
final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return picocli.CommandLine.ExitCode.USAGE;
    }
}
