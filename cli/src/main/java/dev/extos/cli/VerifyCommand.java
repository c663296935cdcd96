package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.isa.Program;
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
                + "convention) and 'xdp' (r1 = struct xdp_md, as the Linux kernel's XDP hook)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:accepted", "1:rejected, or the program could not be read", "2:the command line is wrong"})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "memory",
            description = "Program type: memory or xdp (default: ${DEFAULT-VALUE}).")
    private String type;

    @Option(names = "--mem-size", paramLabel = "BYTES", defaultValue = "0",
            description = "Size of the buffer r1 points to, for --type memory (default: ${DEFAULT-VALUE}).")
    private long memSize;

    @Option(names = {"-v", "--verbose"}, description = "Print the register state at every instruction, like the kernel's log level 2.")
    private boolean verbose;

    @Parameters(paramLabel = "PROGRAM", description = "A .s/.asm (assembly), .bin or .hex (raw bytes) file.")
    private String file;

    @Override
    public Integer call() {
        ProgramType programType = switch (type.toLowerCase(Locale.ROOT)) {
            case "memory" -> {
                if (memSize < 0 || memSize > 0xffffffffL) {
                    throw new ExtosException("--mem-size must be between 0 and 4294967295, not " + memSize);
                }
                yield ProgramType.memory(memSize);
            }
            case "xdp" -> ProgramType.xdp();
            default -> throw new ExtosException("no program type '" + type + "' (types: memory, xdp)");
        };
        Program program = ProgramFiles.load(file);
        Verdict verdict = Verifier.verify(program, programType, verbose ? VerifierOptions.VERBOSE : VerifierOptions.DEFAULT);
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
