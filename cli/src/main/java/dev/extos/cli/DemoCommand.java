package dev.extos.cli;

import dev.extos.cli.demo.AccessLogGenerator;
import dev.extos.cli.demo.Delivery;
import dev.extos.cli.demo.FilteredRead;
import dev.extos.cli.demo.LineRead;
import dev.extos.cli.demo.PassResult;
import dev.extos.cli.demo.Progress;
import dev.extos.io.Domain;
import dev.extos.io.ExtOS;
import dev.extos.io.Hook;
import dev.extos.io.LoadedFilter;
import dev.extos.isa.ExtosException;
import dev.extos.isa.Program;
import dev.extos.vm.Engine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code extos demo}, the main job: a filtered read of a real file through the IO layer (the
 * pushed, verified eBPF filter runs on each record where it lies), and the same job done by an
 * application reading every line, side by side.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Filters a web server access log with a pushed eBPF program, and the plain Java way.",
            "",
            "Keeps the 5xx lines of the log two ways and compares them side by side:",
            "  ExtOS  reads the file through the IO layer: the bundled extos/read filter",
            "         (filter-5xx.s), verified and compiled, runs on each record where it",
            "         lies in the mapped file; only the kept records are copied out.",
            "  Java   reads every line with BufferedReader.readLine and checks it itself.",
            "",
            "Without --file it first writes a reproducible access log of about --size bytes "
                + "to a temporary file, and deletes it afterwards unless --keep-file."})
final class DemoCommand implements Callable<Integer> {
    private static final long DEFAULT_SIZE = 1L << 30;

    @Spec
    private CommandSpec spec;

    @Option(names = "--size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Size of the generated log, e.g. 200k, 64m, 1g (default: 1g).")
    private Long size;

    @Option(names = "--file", paramLabel = "PATH", description = "Read this access log instead of generating one.")
    private Path file;

    @Option(names = "--keep-file", description = "Keep the generated log instead of deleting it.")
    private boolean keepFile;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the kept records to FILE (default: count them only).")
    private Path out;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "jit", converter = EngineConverter.class,
            completionCandidates = EngineConverter.Names.class,
            description = "Engine that runs the filter: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Engine engine;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Do the job N times each way, alternating, and report the fastest (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "2026",
            description = "Seed of the generated log (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Program program = BundledPrograms.load(BundledPrograms.FILTER_5XX);
        Domain domain = ExtOS.embedded(engine);
        LoadedFilter filter = domain.load(BundledPrograms.FILTER_5XX, program, Hook.READ);
        FilteredRead filtered = new FilteredRead(domain, filter);

        Path input = file;
        AccessLogGenerator.Summary generated = null;
        if (input == null) {
            input = Files.createTempFile("extos-demo-", ".log");
            err.printf(Locale.ROOT, "extos demo: writing a %s access log to %s ...%n", humanSize(size()), input);
            err.flush();
        }
        try {
            if (file == null) {
                generated = AccessLogGenerator.write(input, size(), seed, new Progress(err, "generating", size()));
            }
            PassResult extos = null;
            PassResult java = null;
            for (int run = 0; run < runs; run++) {
                // Alternate which way goes first, so neither always pays for a cold cache or a cold JIT.
                String of = " " + (run + 1) + "/" + runs;
                if (run % 2 == 0) {
                    extos = filteredOnce(filtered, input, new Progress(err, "ExtOS filtered read" + of, Files.size(input))).faster(extos);
                    java = javaOnce(input, new Progress(err, "Java readLine" + of, Files.size(input))).faster(java);
                } else {
                    java = javaOnce(input, new Progress(err, "Java readLine" + of, Files.size(input))).faster(java);
                    extos = filteredOnce(filtered, input, new Progress(err, "ExtOS filtered read" + of, Files.size(input))).faster(extos);
                }
            }
            new DemoReport(w, engine.name(), program, filter.verificationNanos(), runs).print(input, generated, seed, extos, java);
            if (out != null) {
                w.println("  Kept records written to " + out);
            }
            return extos.kept() == java.kept() ? 0 : 1;
        } finally {
            if (file == null) {
                finish(input, w);
            }
        }
    }

    private void checkOptions() throws IOException {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1, not " + runs);
        }
        if (file != null && size != null) {
            throw new ParameterException(spec.commandLine(), "--size sets the size of a generated log; with --file"
                    + " the demo reads that file as it is");
        }
        if (file != null && keepFile) {
            throw new ParameterException(spec.commandLine(), "--keep-file keeps a generated log; a --file is never deleted");
        }
        if (file != null && !Files.isRegularFile(file)) {
            throw new ExtosException(file + (Files.exists(file) ? ": not a regular file" : ": no such file or directory"));
        }
        if (file != null && out != null && Files.exists(out) && Files.isSameFile(file, out)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " is the input file; writing it would destroy it");
        }
    }

    private long size() {
        return size != null ? size : DEFAULT_SIZE;
    }

    private PassResult filteredOnce(FilteredRead filtered, Path input, Progress progress) throws IOException {
        try (Delivery sink = sink()) {
            return filtered.run(input, sink, progress);
        }
    }

    private PassResult javaOnce(Path input, Progress progress) throws IOException {
        try (Delivery sink = sink()) {
            return LineRead.run(input, sink, progress);
        }
    }

    private Delivery sink() {
        try {
            return out != null ? Delivery.toFile(out) : Delivery.counting();
        } catch (IOException e) {
            throw new ExtosException("cannot write " + out + ": " + Inputs.reason(e), e);
        }
    }

    private void finish(Path generatedFile, PrintWriter w) throws IOException {
        if (keepFile) {
            w.println("  Kept the generated log: " + generatedFile);
        } else {
            Files.deleteIfExists(generatedFile);
        }
        w.flush();
    }

    /** A byte count for people: 200.0 KiB, 64.0 MiB, 1.0 GiB. */
    static String humanSize(long bytes) {
        return bytes < (1 << 20) ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : bytes < (1L << 30) ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20))
                : String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
