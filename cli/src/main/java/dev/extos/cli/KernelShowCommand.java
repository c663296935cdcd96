package dev.extos.cli;

import dev.extos.linux.KernelHandle;
import dev.extos.linux.KernelIds;
import dev.extos.linux.KernelLink;
import dev.extos.linux.KernelMap;
import dev.extos.linux.KernelTypeNames;
import dev.extos.linux.LoadedProgram;
import dev.extos.linux.ProgramInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code extos kernel show}: one program or map in detail, with the entries of small maps. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Shows one program or map in the kernel in detail.",
            "",
            "Shows one program in detail (what the kernel reports, and its maps with their entries in hex",
            "for maps of at most 64 entries), or one map with --map or a map's pin path."})
final class KernelShowCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID|PATH", description = "A program id (a map id with --map), or a pin path.")
    private String target;

    @Option(names = "--map", description = "ID is a map id.")
    private boolean map;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KernelHandle h = KernelTargets.open(target, map)) {
            switch (h) {
                case LoadedProgram p -> program(out, p);
                case KernelMap m -> showMap(out, m, KernelTargets.pinnedIds(KernelMap.class));
                case KernelLink l -> out.println("link " + l.info().id() + ": " + KernelFormat.link(l.info()));
            }
        }
        out.flush();
        return 0;
    }

    private void program(PrintWriter out, LoadedProgram p) {
        ProgramInfo i = p.info();
        Path pin = KernelTargets.pinnedIds(LoadedProgram.class).get(i.id());
        out.println("program " + i.id() + " " + i.name());
        out.println("  type      " + KernelTypeNames.program(i.type()));
        out.println("  tag       " + i.tag());
        out.println("  loaded    " + KernelFormat.sinceBoot(i.loadTimeNanos()) + " by uid " + i.loadedByUid());
        out.println("  size      " + i.xlatedBytes() / 8 + " instructions after the verifier (" + i.xlatedBytes() + " bytes), "
                + (i.jitedBytes() > 0 ? i.jitedBytes() + " bytes of machine code" : "not JIT-compiled") + ", "
                + i.verifiedInsns() + " instructions verified");
        out.println("  runs      " + i.runCount() + " in " + KernelFormat.nanos(i.runTimeNanos())
                + (i.runCount() > 0 ? " (" + KernelFormat.nanos((double) i.runTimeNanos() / i.runCount()) + " per run)" : "")
                + (KernelStatsCommand.enabled() ? "" : " (counted only while statistics are on; now off: extos kernel stats on)"));
        out.println("  btf       " + (i.btfId() != 0 ? "id " + i.btfId() + ", " + i.lineInfoCount() + " C line records" : "none"));
        out.println("  pinned    " + (pin == null ? "(not under " + KernelTargets.EXTOS_PINS + ")" : pin));
        out.println("  maps      " + (i.mapIds().isEmpty() ? "none" : String.join(" ", i.mapIds().stream().map(String::valueOf).toList())));
        Map<Integer, Path> mapPins = KernelTargets.pinnedIds(KernelMap.class);
        for (int id : i.mapIds()) {
            Optional<KernelMap> m = KernelIds.map(id);
            if (m.isPresent()) {
                try (KernelMap km = m.get()) {
                    showMap(out, km, mapPins);
                }
            }
        }
    }

    private static void showMap(PrintWriter out, KernelMap m, Map<Integer, Path> pins) {
        var info = m.info();
        Path pin = pins.get(info.id());
        out.println(KernelFormat.map(info) + (pin == null ? "" : " pinned " + pin));
        KernelFormat.entries(out, m, "  ");
    }
}
