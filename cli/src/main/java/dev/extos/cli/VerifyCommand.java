package dev.extos.cli;

import dev.extos.verifier.ProgramType;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.VerificationStats;
import dev.extos.verifier.Verifier;
import dev.extos.verifier.VerifierOptions;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code extos verify}: runs the static verifier on a program and prints its verdict. */
@Command(name = "verify",
        description = {"Proves, without running it, that a program is memory-safe and terminates as the given "
                + "program type, or says at which instruction and why it could not.",
            "",
            "Types: 'memory' (r1 = a buffer of --mem-size bytes, r2 = that size: the conformance suite's "
                + "convention), 'xdp' (r1 = struct xdp_md, as the Linux kernel's XDP hook), 'read', 'write' "
                + "(r1 = struct extos_record_md) and 'frame' (r1 = struct extos_frame_md); see docs/hooks.md. "
                + "A program of a .o file has the type its SEC() name gives, unless --type says otherwise."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:accepted", "1:rejected, or the program could not be read", "2:the command line is wrong"})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "Program type: memory, xdp, read, write or frame (default: the .o section's, else memory).")
    private String type;

    @Option(names = "--section", paramLabel = "NAME",
            description = "For a .o file holding several programs: the function or SEC() name of the one to verify.")
    private String section;

    @Option(names = "--mem-size", paramLabel = "BYTES", defaultValue = "0",
            description = "Size of the buffer r1 points to, for --type memory (default: ${DEFAULT-VALUE}).")
    private long memSize;

    @Option(names = {"-v", "--verbose"}, description = "Print the register state at every instruction, like the kernel's log level 2.")
    private boolean verbose;

    @Parameters(paramLabel = "PROGRAM", description = "A .o (ELF from clang -target bpf), .s/.asm (assembly), .bin or .hex (raw bytes) file.")
    private String file;

    @Override
    public Integer call() {
        ProgramSource source = ProgramSource.load(file, section);
        ProgramType programType = source.type(type == null ? null : ProgramTypes.byName(type, memSize),
                ProgramTypes.byName("memory", memSize));
        Verdict verdict = Verifier.verify(source.program(), programType, source.maps(),
                verbose ? VerifierOptions.VERBOSE : VerifierOptions.DEFAULT);
        PrintWriter out = spec.commandLine().getOut();
        if (verbose) {
            verdict.log().forEach(out::println);
        }
        int status = switch (verdict) {
            case Verdict.Accepted a -> {
                out.println("accepted (" + summary(a.stats()) + ")");
                yield 0;
            }
            case Verdict.Rejected r -> {
                out.println("rejected: " + r.message());
                source.line(r.pc()).ifPresent(line -> out.println("  at " + line));
                out.println("  (" + summary(r.stats()) + ")");
                yield 1;
            }
        };
        out.flush();
        return status;
    }

    private static String summary(VerificationStats s) {
        return String.format(Locale.ROOT, "%,d instructions processed, %,d states stored, %,d paths pruned, %.2f ms",
                s.processedInstructions(), s.storedStates(), s.prunedPaths(), s.nanos() / 1e6);
    }
}
