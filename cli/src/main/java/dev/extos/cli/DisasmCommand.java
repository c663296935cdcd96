package dev.extos.cli;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Disassembler;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code extos disasm}: prints the assembly text of raw program bytes. */
@Command(name = "disasm", mixinStandardHelpOptions = true,
        description = {"Disassembles raw program bytes into assembly text that extos asm reads back.",
            "",
            "Without --raw the format comes from the file name (.hex, .bin), else from the content: "
                + "hex text when it is all hex digits, blanks and # comments, binary otherwise."})
final class DisasmCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The program file, or - for standard input.")
    private String input;

    @Option(names = "--raw", paramLabel = "FORMAT", description = "Input format: ${COMPLETION-CANDIDATES}.")
    private RawFormat format;

    @Override
    public Integer call() {
        byte[] content = Inputs.readBytes(input);
        RawFormat chosen = format != null ? format : RawFormat.guess(input, content);
        Program program = ProgramFiles.raw(content, chosen, input);
        PrintWriter out = spec.commandLine().getOut();
        out.print(Disassembler.disassemble(program));
        out.flush();
        return 0;
    }
}
