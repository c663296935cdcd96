package dev.extos.cli;

import dev.extos.io.Domain;
import dev.extos.io.ExtFile;
import dev.extos.io.ExtOS;
import dev.extos.io.Framing;
import dev.extos.io.Hook;
import dev.extos.io.IoStats;
import dev.extos.io.LoadedFilter;
import dev.extos.isa.ExtosException;
import dev.extos.vm.Engine;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code extos cat}: writes the records of a file that a pushed read filter keeps, as a pipeable tool. */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Writes the records of FILE that the filter keeps to standard output.",
            "",
            "The filter is an extos/read program (.o from clang, or assembly). It",
            "runs on every record where the record lies in the mapped file;",
            "only kept records are written, framed as in the file. Without",
            "--filter every record is kept. A closed pipe ends it quietly."})
final class CatCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--filter", paramLabel = "PROG", description = "The extos/read filter (.o, .s or .asm).")
    private String filter;

    @Option(names = "--section", paramLabel = "NAME", description = "For a .o filter: the function or SEC() name of the program.")
    private String section;

    @Option(names = "--framing", paramLabel = "FRAMING", defaultValue = "lines",
            description = "lines, fixed:N, len16le, len16be, len32le, len32be, or program:PROG.s for a framer"
                    + " program (extos/frame). Default: ${DEFAULT-VALUE}.")
    private String framing;

    @Option(names = "--args", paramLabel = "HEX", description = "Arguments passed to the filter read-only, as hex bytes.")
    private String args;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "jit", converter = EngineConverter.class,
            completionCandidates = EngineConverter.Names.class,
            description = "Engine that runs the filter: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Engine engine;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path output;

    @Option(names = "--stats", description = "Print records seen and kept, bytes in and out and time to stderr.")
    private boolean stats;

    @Parameters(paramLabel = "FILE", description = "The file to read.")
    private Path file;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ExtosException(file + (Files.exists(file) ? ": not a regular file" : ": no such file or directory"));
        }
        try (Domain domain = ExtOS.embedded(engine)) {
            Framing f = framing(domain);
            LoadedFilter program = filter == null ? null
                    : load(domain, filter, section, Hook.READ);
            ByteBuffer arguments = args == null ? null : ByteBuffer.wrap(Hex.parse(args, "--args"));
            try (ExtFile in = domain.open(file, f); WritableByteChannel out = target()) {
                IoStats s = in.transfer(out, program, arguments);
                if (stats) {
                    report(s);
                }
            } catch (IOException e) {
                if (isBrokenPipe(e)) {
                    return 0;  // the reader went away (e.g. `| head`): stop quietly, like cat
                }
                throw e;
            }
        }
        return 0;
    }

    /** Loads the program in {@code file} (with its maps, for a .o file) into {@code domain} for {@code hook}. */
    private static LoadedFilter load(Domain domain, String file, String section, Hook hook) {
        ProgramSource source = ProgramSource.load(file, section);
        return domain.load(Inputs.displayName(file), source.program(), hook, source.maps());
    }

    private Framing framing(Domain domain) {
        if (framing.startsWith("program:")) {
            String prog = framing.substring("program:".length());
            return Framing.program(load(domain, prog, null, Hook.FRAME));
        }
        try {
            return Framing.parse(framing);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage() + ", or program:PROG.s");
        }
    }

    private WritableByteChannel target() throws IOException {
        if (output != null) {
            return FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }
        // A channel on file descriptor 1 itself: bytes go out unchanged and unbuffered by System.out.
        return new FileOutputStream(FileDescriptor.out).getChannel();
    }

    private void report(IoStats s) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "extos cat: %,d records seen, %,d kept; %,d bytes in, %,d out; %.1f ms (%.1f ms in the filter)%n",
                s.recordsSeen(), s.recordsKept(), s.bytesIn(), s.bytesOut(), s.totalNanos() / 1e6, s.programNanos() / 1e6);
        err.flush();
    }

    private static boolean isBrokenPipe(IOException e) {
        String m = e.getMessage();
        return m != null && (m.contains("Broken pipe") || m.contains("Stream closed"));
    }
}
