package dev.extos.cli;

import dev.extos.linux.BpfFs;
import dev.extos.linux.KernelHandle;
import dev.extos.linux.KernelLink;
import dev.extos.linux.KernelMap;
import dev.extos.linux.LoadedProgram;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code extos kernel pin}: pins a program (or map) already in the kernel at a bpffs path. */
@Command(name = "pin", mixinStandardHelpOptions = true,
        description = {"Pins a program or map in the kernel at a path on bpffs.",
            "",
            "Pins the program with id ID (a map with --map) at PATH on bpffs, which keeps it in the kernel",
            "until the pin is removed (extos kernel unload PATH). Names on bpffs may not contain '.'."})
final class KernelPinCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "A program id (a map id with --map), or a pin path to pin again.")
    private String target;

    @Parameters(index = "1", paramLabel = "PATH", description = "The new pin, on bpffs.")
    private Path path;

    @Option(names = "--map", description = "ID is a map id.")
    private boolean map;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KernelHandle h = KernelTargets.open(target, map)) {
            BpfFs.pin(h, path);
            String what = switch (h) {
                case LoadedProgram p -> "program " + p.info().id() + " " + p.info().name();
                case KernelMap m -> "map " + m.info().id() + " " + m.info().name();
                case KernelLink l -> "link " + l.info().id() + " (" + KernelFormat.link(l.info()) + ")";
            };
            out.println("pinned " + what + " at " + path.toAbsolutePath().normalize());
        }
        out.flush();
        return 0;
    }
}
