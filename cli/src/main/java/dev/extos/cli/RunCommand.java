package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.isa.Program;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.Verifier;
import dev.extos.verifier.VerifierOptions;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Executable;
import dev.extos.vm.HostContext;
import dev.extos.vm.maps.MapAccount;
import dev.extos.vm.maps.ProgramMaps;
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
            "A .o file (clang -target bpf) is verified as the type its SEC() name gives (or --type) and "
                + "run with its maps: --mem gives the packet or record bytes (data..data_end of the context, "
                + "as the kernel's test run does), --args the per-call arguments; --maps prints the maps "
                + "after the run. --type also verifies an assembly or raw program and runs it that way.",
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

    @Option(names = "--section", paramLabel = "NAME",
            description = "For a .o file holding several programs: the function or SEC() name of the one to run.")
    private String section;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "Verify and run as this program type: memory, xdp, read, write or frame (default for .o: its section's).")
    private String type;

    @Option(names = "--args", paramLabel = "HEX", description = "The per-call arguments of read, write and frame programs, as hex bytes.")
    private String argsHex;

    @Option(names = "--maps", description = "Print the program's maps and their entries after the run.")
    private boolean showMaps;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "A program file, or .data files and directories.")
    private List<String> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> programs = files.stream().filter(f -> ProgramFiles.isProgram(f) || ProgramSource.isObject(f)).toList();
        if (programs.isEmpty()) {
            if (memHex != null || memFile != null || section != null || type != null || argsHex != null || showMaps) {
                throw usage("--mem, --mem-file, --section, --type, --args and --maps are for a program file;"
                        + " conformance cases carry their own memory");
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
        ProgramSource source = ProgramSource.load(file, section);
        if (source.sectionType().isEmpty() && type == null) {
            if (argsHex != null || showMaps) {
                throw usage("--args and --maps need a verified program: a .o file, or --type");
            }
            long r0 = runProgram(source.program(), file);
            out.println("r0 = 0x" + Long.toHexString(r0));
        } else {
            runVerified(source, out);
        }
        out.flush();
        return 0;
    }

    /** Verifies {@code source} as its type, creates its maps and runs it once over the --mem bytes with its host context. */
    private void runVerified(ProgramSource source, PrintWriter out) {
        byte[] bytes = memory();
        ProgramType programType = source.type(type == null ? null : ProgramTypes.byName(type, bytes == null ? 0 : bytes.length),
                ProgramType.memory(bytes == null ? 0 : bytes.length));
        Verdict verdict = Verifier.verify(source.program(), programType, source.maps(), VerifierOptions.DEFAULT);
        if (verdict instanceof Verdict.Rejected r) {
            throw new ExtosException(source.file() + ": rejected as " + programType.name() + ": " + r.message()
                    + source.line(r.pc()).map(l -> "\n  at " + l).orElse(""));
        }
        try (ProgramMaps maps = ProgramMaps.create(source.maps(), MapAccount.unlimited("extos run"))) {
            AddressSpace space = new AddressSpace();
            maps.install(space);
            MemorySegment data = AddressSpace.allocate(bytes == null ? 0 : bytes.length);
            if (bytes != null) {
                data.copyFrom(MemorySegment.ofArray(bytes));
            }
            byte[] args = argsHex == null ? new byte[0] : Hex.parse(argsHex, "--args");
            long r1 = HostContext.prepare(space, programType, data, MemorySegment.ofArray(args));
            Executable executable = engine.load(((Verdict.Accepted) verdict).program(), HelperTable.standard());
            long r0;
            try {
                r0 = executable.run(space, r1, programType.isMemory() ? data.byteSize() : 0);
            } catch (ExtosException e) {
                throw new ExtosException(source.file() + ": " + e.getMessage(), e);
            }
            out.println("r0 = 0x" + Long.toHexString(r0));
            if (showMaps) {
                out.print(maps.size() == 0 ? "no maps\n" : maps.describe(16));
            }
        }
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
