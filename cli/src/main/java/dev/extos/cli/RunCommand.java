package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.isa.Program;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Engine;
import dev.extos.vm.HelperTable;
import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code extos run}: runs one program, or conformance cases and reports how many passed. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Runs a program once and prints r0, or runs bpf_conformance cases and prints PASS or FAIL.",
            "",
            "A program is a .s or .asm file (assembly), .bin (raw bytes) or .hex (raw bytes as hex text). "
                + "It runs with the memory from --mem or --mem-file mapped writable, r1 = its address and "
                + "r2 = its length (both 0 without memory), and the standard helpers.",
            "",
            "Conformance cases are .data files, or directories whose .data files all run, sorted. "
                + "A negative/ subdirectory runs only when named itself; its cases pass when they are rejected."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the program ran, or every case passed", "1:a fault or error, or a case failed",
                "2:the command line is wrong"})
final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "jit", converter = EngineConverter.class,
            completionCandidates = EngineConverter.Names.class,
            description = "Engine to run on: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Engine engine;

    @Option(names = "--mem", paramLabel = "HEX",
            description = "The program's memory as hex bytes, e.g. 'aa bb 11 cc' (quote it when it has spaces).")
    private String memHex;

    @Option(names = "--mem-file", paramLabel = "FILE", description = "The program's memory: the bytes of FILE.")
    private Path memFile;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "A program file, or .data files and directories.")
    private List<String> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> programs = files.stream().filter(ProgramFiles::isProgram).toList();
        if (programs.isEmpty()) {
            if (memHex != null || memFile != null) {
                throw usage("--mem and --mem-file give memory to a program file; conformance cases carry their own");
            }
            return new ConformanceRun(engine, out).run(files);
        }
        if (files.size() > 1) {
            throw usage("run takes one program file, or any number of .data files and directories (got: "
                    + String.join(" ", files) + ")");
        }
        if (memHex != null && memFile != null) {
            throw usage("give the memory with --mem or with --mem-file, not both");
        }
        String file = programs.getFirst();
        long r0 = runProgram(ProgramFiles.load(file), file);
        out.println("r0 = 0x" + Long.toHexString(r0));
        out.flush();
        return 0;
    }

    private long runProgram(Program program, String file) {
        byte[] bytes = memory();
        AddressSpace space = new AddressSpace();
        long r1 = 0;
        if (bytes != null) {
            MemorySegment memory = AddressSpace.allocate(bytes.length);
            memory.copyFrom(MemorySegment.ofArray(bytes));
            r1 = space.mapData("memory", memory, true);
        }
        try {
            return engine.load(program, HelperTable.standard()).run(space, r1, bytes == null ? 0 : bytes.length);
        } catch (ExtosException e) {
            throw new ExtosException(file + ": " + e.getMessage(), e);
        }
    }

    /** The bytes --mem or --mem-file give, or null when neither is given. */
    private byte[] memory() {
        if (memHex != null) {
            return Hex.parse(memHex, "--mem");
        }
        if (memFile != null) {
            if (Files.isDirectory(memFile)) {
                throw new ExtosException("--mem-file " + memFile + " is a directory, not a file of bytes");
            }
            return Inputs.readBytes(memFile.toString());
        }
        return null;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
