package dev.extos.cli;

import dev.extos.isa.MapSpec;
import dev.extos.isa.elf.BpfObject;
import dev.extos.isa.elf.BpfProgram;
import dev.extos.isa.elf.ElfLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code extos maps}: lists the maps and programs an object declares. */
@Command(name = "maps", mixinStandardHelpOptions = true,
        description = {"Lists the maps and programs of a .o file.",
            "",
            "Maps (BTF .maps, legacy maps, then the .rodata, .data and .bss globals) are listed in the",
            "order its programs refer to them. To see their contents after a run: extos run --maps FILE.o."})
final class MapsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "An ELF object from clang -target bpf.")
    private String file;

    @Override
    public Integer call() {
        BpfObject object = ElfLoader.load(Path.of(file));
        PrintWriter out = spec.commandLine().getOut();
        if (object.maps().isEmpty()) {
            out.println("no maps");
        }
        for (int i = 0; i < object.maps().size(); i++) {
            MapSpec m = object.maps().get(i);
            out.println("map " + i + " " + m);
        }
        for (BpfProgram p : object.programs()) {
            out.println("program " + p.name() + " SEC(\"" + p.section() + "\") " + p.program().instructions().size()
                    + " instructions");
        }
        out.flush();
        return 0;
    }
}
