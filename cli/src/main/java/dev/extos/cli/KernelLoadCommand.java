package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.isa.elf.BpfObject;
import dev.extos.isa.elf.BpfProgram;
import dev.extos.isa.elf.ElfLoader;
import dev.extos.linux.BpfFs;
import dev.extos.linux.KernelMap;
import dev.extos.linux.KernelObject;
import dev.extos.linux.KernelRejectedException;
import dev.extos.linux.KernelTypeNames;
import dev.extos.linux.LoadedProgram;
import dev.extos.linux.ProgramInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code extos kernel load}: loads an object's programs and maps into the kernel and pins them. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Loads a .o file's programs and maps into the kernel and pins them.",
            "",
            "Loads the programs of a .o file (clang -target bpf) and their maps into the kernel, with the",
            "object's BTF when it has one, and pins them on bpffs so that they stay after the command ends:",
            "programs at DIR/<function>, maps at DIR/maps/<map> ('.' becomes '_': .rodata is pinned as _rodata).",
            "A program the kernel refuses is reported with the kernel verifier's log, which quotes the C lines",
            "of objects built with -g. The kernel loads SEC(\"xdp\") and SEC(\"socket\") programs."})
final class KernelLoadCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE.o", description = "An ELF object from clang -target bpf.")
    private Path file;

    @Option(names = "--section", paramLabel = "S", description = "Load only the programs of this SEC() name (or this function).")
    private String section;

    @Option(names = "--pin", paramLabel = "DIR",
            description = "Where to pin (default: /sys/fs/bpf/extos/<object>); must be on bpffs and not hold pins yet.")
    private Path pin;

    @Option(names = "--set", paramLabel = "MAP=VALUE",
            description = "Write VALUE at key 0 of the array map MAP before pinning, e.g. --set port=9000 (repeatable).")
    private List<String> settings = List.of();

    @Override
    public Integer call() {
        KernelTargets.requireBpf();
        BpfObject object = ElfLoader.load(file);
        List<BpfProgram> chosen = section == null ? object.programs()
                : object.programsIn(section).isEmpty() ? List.of(object.select(section)) : object.programsIn(section);
        Path dir = (pin != null ? pin : KernelTargets.objectDirectory(file)).toAbsolutePath().normalize();
        if (!BpfFs.pins(dir).isEmpty()) {
            throw new ExtosException(dir + " already holds pins (loaded before?): extos kernel unload " + dir + " removes them");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KernelObject kernel = load(object.withPrograms(chosen))) {
            settings.forEach(setting -> MapSetting.apply(kernel, setting));
            Map<String, Path> pins = kernel.pin(dir);
            out.println("loaded " + file + " into the kernel, pinned under " + dir);
            for (Map.Entry<String, LoadedProgram> p : kernel.programs().entrySet()) {
                ProgramInfo info = p.getValue().info();
                out.println("  program " + p.getKey() + " id " + info.id() + " " + KernelTypeNames.program(info.type())
                        + " tag " + info.tag() + " " + info.xlatedBytes() / 8 + " instructions"
                        + (info.btfId() != 0 ? " btf " + info.btfId() + " (" + info.lineInfoCount() + " C line records)" : " (no BTF)")
                        + " -> " + pins.get(p.getKey()));
            }
            for (KernelMap m : kernel.maps()) {
                out.println("  " + KernelFormat.map(m.info()) + " -> " + pins.get(m.name()));
            }
            kernel.notes().forEach(n -> out.println("note: " + n));
            out.println("the pins keep them in the kernel; extos kernel unload " + dir + " releases them");
        }
        out.flush();
        return 0;
    }

    private KernelObject load(BpfObject object) {
        try {
            return KernelObject.load(object);
        } catch (KernelRejectedException e) {
            String log = e.log().isBlank() ? "" : "\nthe kernel verifier's log:\n" + e.log().strip();
            throw new ExtosException("the kernel refused " + file + ": " + e.getMessage() + log, e);
        }
    }
}
