package dev.extos.cli;

import dev.extos.linux.KernelIds;
import dev.extos.linux.KernelLink;
import dev.extos.linux.KernelMap;
import dev.extos.linux.KernelTypeNames;
import dev.extos.linux.LoadedProgram;
import dev.extos.linux.MapInfo;
import dev.extos.linux.ProgramInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code extos kernel list}: every program (or map) in the kernel, ExtOS's marked by their pins. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the programs (or maps) in the kernel.",
            "",
            "Lists every program in the kernel by id, with type, name, run count and run time; the ones",
            "pinned under /sys/fs/bpf/extos show their pin. Run counts and times grow only while statistics are on",
            "(extos kernel stats on). --maps lists maps instead, --links the links (attachments)."})
final class KernelListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--maps", description = "List maps rather than programs.")
    private boolean maps;

    @Option(names = "--links", description = "List links (programs attached to hooks, e.g. XDP on an interface) rather than programs.")
    private boolean links;

    @Override
    public Integer call() {
        KernelTargets.requireBpf();
        PrintWriter out = spec.commandLine().getOut();
        Map<Integer, Path> pinned = KernelTargets.pinnedIds(maps ? KernelMap.class : links ? KernelLink.class : LoadedProgram.class);
        if (links) {
            out.printf("%-6s %-48s  %s%n", "ID", "ATTACHES", "PINNED");
            for (int id : KernelIds.links()) {
                Optional<KernelLink> l = KernelIds.link(id);
                if (l.isPresent()) {
                    try (KernelLink link = l.get()) {
                        out.printf("%-6d %-48s  %s%n", id, KernelFormat.link(link.info()), pinned.getOrDefault(id, Path.of("")));
                    }
                }
            }
        } else if (maps) {
            out.printf("%-6s %-16s %-16s %6s %6s %8s  %s%n", "ID", "TYPE", "NAME", "KEY", "VALUE", "MAX", "PINNED");
            for (int id : KernelIds.maps()) {
                Optional<KernelMap> m = KernelIds.map(id);
                if (m.isPresent()) {
                    try (KernelMap map = m.get()) {
                        MapInfo i = map.info();
                        out.printf("%-6d %-16s %-16s %6d %6d %8d  %s%n", id, KernelTypeNames.map(i.type()), i.name(), i.keySize(),
                                i.valueSize(), i.maxEntries(), pinned.getOrDefault(id, Path.of("")));
                    }
                }
            }
        } else {
            out.printf("%-6s %-16s %-16s %12s %12s  %s%n", "ID", "TYPE", "NAME", "RUNS", "RUN TIME", "PINNED");
            for (int id : KernelIds.programs()) {
                Optional<LoadedProgram> p = KernelIds.program(id); // gone meanwhile: skip it
                if (p.isPresent()) {
                    try (LoadedProgram program = p.get()) {
                        ProgramInfo i = program.info();
                        out.printf("%-6d %-16s %-16s %12d %12s  %s%n", id, KernelTypeNames.program(i.type()), i.name(), i.runCount(),
                                KernelFormat.nanos(i.runTimeNanos()), pinned.getOrDefault(id, Path.of("")));
                    }
                }
            }
            if (!KernelStatsCommand.enabled()) {
                out.println("(statistics are off: run counts and times do not grow; extos kernel stats on)");
            }
        }
        out.flush();
        return 0;
    }
}
