package dev.extos.cli;

import dev.extos.cli.bench.ReadBench;
import dev.extos.io.Domain;
import dev.extos.io.ExtOS;
import dev.extos.io.Hook;
import dev.extos.io.LoadedFilter;
import dev.extos.vm.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code extos bench read}: the filtered read against a plain scan, Files.lines, a hand-written filter, grep and awk. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = {"Filtered read of 100-byte records at several selectivities,",
            "beside the plain alternatives.",
            "",
            "Columns (MB/s of file bytes; the fastest of --runs runs, the ways taking turns):",
            "  extos   ExtFile.read, filter-level-error.s, 1 MiB buffer",
            "  scan    FileChannel.read into a 16 MiB direct buffer only",
            "  lines   Files.lines(...).filter(l -> l.contains(\"level=ERROR\"))",
            "  hand    FileChannel.read into a byte[], a hand-written loop",
            "  grep    grep -c -F level=ERROR",
            "  awk     awk '$2 == \"level=ERROR\"' (counting)",
            "The files are read from the page cache after a first warm-up pass."})
final class ReadBenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "256m", converter = SizeConverter.class,
            description = "Size of each test file (default: ${DEFAULT-VALUE}).")
    private long size;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs per way; the fastest counts (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--selectivity", paramLabel = "PERCENT", split = ",", defaultValue = "0.1,1,10,100",
            description = "Shares of records kept, in percent (default: ${DEFAULT-VALUE}).")
    private List<Double> selectivities;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "jit", converter = EngineConverter.class,
            completionCandidates = EngineConverter.Names.class, description = "Engine for the filter (default: ${DEFAULT-VALUE}).")
    private Engine engine;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the test files (default: a temporary directory).")
    private Path dir;

    @Option(names = "--no-tools", description = "Skip the grep and awk columns.")
    private boolean noTools;

    @Override
    public Integer call() throws IOException {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1");
        }
        Path where = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("extos-bench-read-");
        try (Domain domain = ExtOS.embedded(engine)) {
            LoadedFilter filter = domain.load(ReadBench.FILTER, BundledPrograms.load(ReadBench.FILTER), Hook.READ);
            boolean agree = new ReadBench(domain, filter, spec.commandLine().getOut(), spec.commandLine().getErr(), runs,
                    !noTools).run(where, size, selectivities, engine.name());
            return agree ? 0 : 1;
        } finally {
            if (dir == null) {
                try (var files = Files.list(where)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(where);
            }
        }
    }
}
