package dev.extos.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a group of JMH benchmarks with settings from the command line and prints a table of
 * ns per operation, instructions per operation, ns per eBPF instruction, and the comparison with
 * the named baseline and target. The command behind {@code ./run-bench}.
 */
public final class BenchMain {
    /** The baseline every row is compared with, as the issue names it. */
    static final String BASELINE = "uBPF interpreter, 6.4 ns/instruction on these machines (figure from the issue)";
    static final double BASELINE_NS_PER_INSN = 6.4;
    /** The interpreter's target: at most this many ns per instruction. */
    static final double TARGET_NS_PER_INSN = 3.0;

    /** A subcommand: a title for its table and the benchmarks it runs (a regex over JMH benchmark names). */
    record Group(String title, String include) {
    }

    private static final Map<String, Group> GROUPS = Map.of(
            "interp", new Group("Reference interpreter", "^" + Pattern.quote(InterpreterBench.class.getName() + ".") + ".*"),
            "jit", new Group("JIT comparison", "^" + Pattern.quote(JitBench.class.getName() + ".") + ".*"));

    private static final String USAGE = """
            Usage: run-bench interp [options]
                   run-bench jit [options]
                   run-bench verify

            Subcommands:
              interp               the reference interpreter (InterpreterBench: sumLoop, countNewlines)
              jit                  interpreter, JIT, the kernel's JIT (BPF_PROG_TEST_RUN) and gcc -O2 on
                                   sumLoop, countNewlines and packetParser (JitBench), with ratios
              verify               verification time: conformance programs, packet parsers, the cap

            Options:
              --quick              1 warmup + 2 measurement iterations (a smoke run, not for figures)
              --forks N            JVM forks (default 1)
              --warmup N           warmup iterations (default 3)
              --iterations N       measurement iterations (default 5)
              --time SECONDS       length of each warmup and measurement iteration (default 1)
              --filter REGEX       run only the benchmarks of the group whose name matches REGEX
              --prof NAME[:OPTS]   add a JMH profiler, e.g. gc, stack, perfasm:events=cpu-clock (may repeat)
              --out FILE           also write the table as Markdown to FILE
              -h, --help           this text
            """;

    private BenchMain() {
    }

    /** Settings from the command line. */
    record Settings(String group, int forks, int warmup, int iterations, int seconds, String filter,
                    List<String> profilers, Path out) {
        String describe() {
            return "JMH 1.37, " + forks + (forks == 1 ? " fork" : " forks") + ", " + warmup + " x " + seconds
                    + " s warmup, " + iterations + " x " + seconds + " s measurement, average time";
        }
    }

    /** Thrown for a command line that cannot be run; the message says why. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("verify")) {
            VerifyTimes.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Settings settings;
        try {
            settings = parse(args);
        } catch (UsageException e) {
            System.err.println("run-bench: " + e.getMessage());
            System.err.println(args.length == 0 ? USAGE.stripTrailing() : "run-bench --help lists the subcommands and options.");
            System.exit(2);
            return;
        }
        if (settings == null) {
            System.out.print(USAGE);
            return;
        }
        try {
            System.exit(run(settings, System.out));
        } catch (RunnerException e) {
            System.err.println("run-bench: the benchmark run failed: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("run-bench: cannot write " + settings.out() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** Parses {@code args}; null means help was asked for. */
    static Settings parse(String[] args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("name what to benchmark");
        }
        String group = null;
        boolean quick = false;
        Integer forks = null;
        Integer warmup = null;
        Integer iterations = null;
        Integer seconds = null;
        String filter = null;
        List<String> profilers = new ArrayList<>();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--quick" -> quick = true;
                case "--forks" -> forks = count(a, value(args, ++i, a), 0);
                case "--warmup" -> warmup = count(a, value(args, ++i, a), 0);
                case "--iterations" -> iterations = count(a, value(args, ++i, a), 1);
                case "--time" -> seconds = count(a, value(args, ++i, a), 1);
                case "--filter" -> {
                    filter = value(args, ++i, a);
                    try {
                        Pattern.compile(filter);
                    } catch (PatternSyntaxException e) {
                        throw new UsageException("--filter needs a regular expression: " + e.getDescription());
                    }
                }
                case "--prof" -> profilers.add(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    }
                    if (group != null) {
                        throw new UsageException("one subcommand at a time (got " + group + " and " + a + ")");
                    }
                    if (!GROUPS.containsKey(a)) {
                        throw new UsageException("no benchmark group '" + a + "' (groups: " + String.join(", ", GROUPS.keySet()) + ")");
                    }
                    group = a;
                }
            }
        }
        if (group == null) {
            throw new UsageException("name what to benchmark");
        }
        return new Settings(group,
                forks != null ? forks : 1,
                warmup != null ? warmup : quick ? 1 : 3,
                iterations != null ? iterations : quick ? 2 : 5,
                seconds != null ? seconds : 1,
                filter, List.copyOf(profilers), out);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int count(String option, String text, int min) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new UsageException(option + " needs a whole number >= " + min + ", not '" + text + "'");
    }

    /** Runs the benchmarks, prints the table (and writes it to --out); returns the exit status. */
    static int run(Settings s, PrintStream console) throws RunnerException, IOException {
        if (s.group().equals("jit")) {
            return JitComparison.run(s, console);
        }
        Group group = GROUPS.get(s.group());
        Collection<RunResult> results = new Runner(options(s, group.include()).build()).run();
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            String full = r.getParams().getBenchmark();
            String method = full.substring(full.lastIndexOf('.') + 1);
            Workload w = Workload.byName(method);
            if (w == null) {
                throw new IllegalStateException("no instruction count for benchmark " + full);
            }
            Result<?> primary = r.getPrimaryResult();
            rows.add(new Row(method, primary.getScore(), primary.getScoreError(), w.verify()));
        }
        rows.sort(Comparator.comparingInt(r -> Workload.NAMES.indexOf(r.benchmark())));
        if (rows.isEmpty()) {
            console.println("run-bench: no benchmark ran");
            return 1;
        }
        String machine = machine();
        console.println();
        console.println(group.title() + ", " + s.describe());
        console.println("Machine: " + machine);
        console.println("Baseline: " + BASELINE + "; target <= " + fmt(TARGET_NS_PER_INSN, 1) + " ns/instruction");
        console.println();
        console.print(text(rows));
        notes(rows).forEach(n -> console.println("note: " + n));
        BenchMain.writeTable(s.out(), markdown(rows, s, machine), console);
        return 0;
    }

    /** Writes a benchmark's markdown table to {@code out} (creating its folder) and says so; nothing when out is null. */
    static void writeTable(Path out, String markdown, PrintStream console) throws IOException {
        if (out == null) {
            return;
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        console.println();
        console.println("Table written to " + out);
    }

    /** JMH options for the benchmarks matching {@code include} (narrowed by --filter) with the settings' counts and profilers. */
    static ChainedOptionsBuilder options(Settings s, String include) {
        if (s.filter() != null) {
            // JMH finds the pattern in the full name; the lookahead adds the filter to the group.
            include = "(?=.*(?:" + s.filter() + "))" + include;
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(s.forks())
                .warmupIterations(s.warmup())
                .warmupTime(TimeValue.seconds(s.seconds()))
                .measurementIterations(s.iterations())
                .measurementTime(TimeValue.seconds(s.seconds()))
                .shouldFailOnError(true);
        if (Runtime.version().feature() >= 23) {
            // JMH 1.37 calls sun.misc.Unsafe, which JDK 24+ warns about in every fork otherwise.
            options.jvmArgsAppend("--sun-misc-unsafe-memory-access=allow");
        }
        for (String p : s.profilers()) {
            // As on JMH's own command line: NAME or NAME:OPTIONS, e.g. perfasm:events=cpu-clock.
            int colon = p.indexOf(':');
            if (colon < 0) {
                options.addProfiler(p);
            } else {
                options.addProfiler(p.substring(0, colon), p.substring(colon + 1));
            }
        }
        return options;
    }

    /** One benchmark's figures. */
    record Row(String benchmark, double nsPerOp, double error, long instructions) {
        /** True when JMH's error is more than 10% of the score: the figure should not be quoted. */
        boolean noisy() {
            return Double.isFinite(error) && error > 0.10 * nsPerOp;
        }

        double nsPerInsn() {
            return nsPerOp / instructions;
        }

        String[] cells() {
            double perInsn = nsPerInsn();
            double speedup = BASELINE_NS_PER_INSN / perInsn;
            String errorText = Double.isFinite(error) ? " ± " + fmt(error, 0) : "";
            String insnError = Double.isFinite(error) ? " ± " + fmt(error / instructions, 3) : "";
            return new String[] {
                    benchmark,
                    fmt(nsPerOp, 0) + errorText,
                    String.format(Locale.ROOT, "%,d", instructions),
                    fmt(perInsn, 3) + insnError,
                    speedup >= 1 ? fmt(speedup, 2) + "x faster" : fmt(1 / speedup, 2) + "x slower",
                    perInsn <= TARGET_NS_PER_INSN ? "PASS" : "FAIL",
            };
        }
    }

    private static final String[] HEADER = {
            "benchmark", "ns/op", "instructions/op", "ns/instruction", "vs uBPF interpreter (6.4 ns/insn)", "target <= 3 ns/insn"};

    static String text(List<Row> rows) {
        return TextTable.format(HEADER, rows.stream().map(Row::cells).toList());
    }

    static String markdown(List<Row> rows, Settings s, String machine) {
        StringBuilder sb = new StringBuilder();
        sb.append(GROUPS.get(s.group()).title()).append(", ").append(s.describe()).append(".  \n");
        sb.append("Machine: ").append(machine).append(".  \n");
        sb.append("Baseline: ").append(BASELINE).append("; target <= ").append(fmt(TARGET_NS_PER_INSN, 1))
                .append(" ns/instruction. Errors are JMH's 99.9% confidence intervals.\n\n");
        sb.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        sb.append("|---|").append("---:|".repeat(HEADER.length - 1)).append('\n');
        for (Row r : rows) {
            sb.append("| ").append(String.join(" | ", r.cells())).append(" |\n");
        }
        List<String> notes = notes(rows);
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append("Note: ").append(n).append('\n'));
        }
        return sb.toString();
    }

    /** Warnings about figures that should not be quoted. */
    static List<String> notes(List<Row> rows) {
        List<String> notes = new ArrayList<>();
        for (Row r : rows) {
            if (r.noisy()) {
                notes.add(r.benchmark() + " is noisy (99.9% CI is ±" + fmt(100 * r.error() / r.nsPerOp(), 0)
                        + "% of the score): another process may have had the CPU, or the JIT was still compiling;"
                        + " rerun on an idle machine or with more --warmup/--iterations.");
            }
        }
        return notes;
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    /** JDK, OS and CPU, as far as they can be read. */
    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: keep "unknown CPU"
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")";
    }
}
