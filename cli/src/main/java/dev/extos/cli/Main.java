package dev.extos.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code extos} command and its entry point. */
@Command(name = "extos",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        modelTransformer = Main.ErrorReporting.class,
        description = "Runs eBPF programs (RFC 9669) the way ExtOS pushes them into the IO path.",
        subcommands = {RunCommand.class, VerifyCommand.class, AsmCommand.class, DisasmCommand.class, DemoCommand.class, CatCommand.class,
                MapsCommand.class, ListenCommand.class, CaptureCommand.class,
                BenchCommand.class,
                KernelCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Runs the command line {@code args} and exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() {
        // "extos" alone is a usage error: say what the commands are rather than doing nothing.
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * Installs the error handlers while the command line is being built, so that every
     * {@code new CommandLine(new Main())} (the launcher, tests, anyone embedding the CLI)
     * reports errors the same way without a separate setup step.
     */
    static final class ErrorReporting implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            CommandLine cli = spec.commandLine();
            cli.setExecutionExceptionHandler(new ExecutionErrors());
            cli.setParameterExceptionHandler(new UsageErrors());
            return spec;
        }
    }
}
