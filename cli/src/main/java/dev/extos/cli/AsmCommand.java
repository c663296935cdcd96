package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.isa.Program;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code extos asm}: assembles text into raw program bytes. */
@Command(name = "asm", mixinStandardHelpOptions = true,
        description = {"Assembles eBPF assembly text into raw program bytes.",
            "",
            "hex output has one 8-byte instruction slot per line, as 16 hex digits in memory order "
                + "(e.g. b700000001000000); bin output is the bytes themselves."})
final class AsmCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The assembly file, or - for standard input.")
    private String input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write to OUT instead of standard output.")
    private Path output;

    @Option(names = "--raw", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: hex, or bin when OUT ends in .bin).")
    private RawFormat format;

    @Override
    public Integer call() {
        Program program = ProgramFiles.assemble(Inputs.readText(input), input);
        byte[] bytes = program.encode();
        RawFormat chosen = format != null ? format : output != null && RawFormat.fromName(output.toString()) == RawFormat.bin
                ? RawFormat.bin : RawFormat.hex;
        if (chosen == RawFormat.hex) {
            String text = hex(bytes);
            if (output != null) {
                Inputs.write(output, text.getBytes(StandardCharsets.US_ASCII));
            } else {
                PrintWriter out = spec.commandLine().getOut();
                out.print(text);
                out.flush();
            }
            return 0;
        }
        if (output != null) {
            Inputs.write(output, bytes);
            return 0;
        }
        if (Terminal.stdoutIsTerminal()) {
            throw new ExtosException("refusing to write binary program bytes to a terminal: give -o OUT, redirect"
                    + " the output, or use --raw hex");
        }
        // Raw bytes cannot go through picocli's character writer; they go to the process's stdout.
        System.out.write(bytes, 0, bytes.length);
        System.out.flush();
        return 0;
    }

    /** One slot per line, 16 hex digits each. */
    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length * 17 / 8);
        for (int at = 0; at < bytes.length; at += 8) {
            text.append(Hex.format(bytes, at, Math.min(8, bytes.length - at))).append('\n');
        }
        return text.toString();
    }
}
