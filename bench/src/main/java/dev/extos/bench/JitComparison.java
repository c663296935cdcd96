package dev.extos.bench;

import dev.extos.bench.BenchMain.Settings;
import dev.extos.bench.NativeBaselines.Figure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * {@code run-bench jit}: for each program of {@link JitWorkload}, ns per run on the interpreter
 * and the JIT (JMH, {@link JitBench}), on the Linux kernel's JIT (BPF_PROG_TEST_RUN) and as C
 * compiled by gcc -O2, with the ratios the issue sets targets for: JIT at least 30x faster than
 * the interpreter, within 1.5x of gcc -O2 on the two loops.
 */
final class JitComparison {
    private JitComparison() {
    }

    /** Speed-up of the JIT over the interpreter the issue asks for. */
    static final double TARGET_SPEEDUP = 30;
    /** Most the JIT may take relative to gcc -O2 on the loops. */
    static final double TARGET_VS_GCC = 1.5;

    /**
     * One program's four figures. The native columns are the best of several rounds, so the
     * ratios use JMH's best iteration too ({@code interp}, {@code jit}); the JMH mean and its
     * error are shown beside it.
     */
    record Row(JitWorkload workload, double interp, double interpMean, double interpError, double jit, double jitMean,
               double jitError, Figure kernel, Figure gcc) {
        String[] cells() {
            String name = workload.name();
            boolean loop = !name.equals("packetParser");
            return new String[] {
                    name,
                    ns(interp, Double.NaN) + " (" + ns(interpMean, interpError) + ")",
                    ns(jit, Double.NaN) + " (" + ns(jitMean, jitError) + ")",
                    kernel.present() ? ns(kernel.nanos(), Double.NaN) + (workload.kernelScale() != 1 ? " *" : "") : "n/a",
                    gcc.present() ? ns(gcc.nanos(), Double.NaN) : gcc.absent(),
                    BenchMain.fmt(interp / jit, 1) + "x" + (interp / jit >= TARGET_SPEEDUP ? " PASS" : " FAIL"),
                    gcc.present() ? BenchMain.fmt(jit / gcc.nanos(), 2) + (loop ? (jit / gcc.nanos() <= TARGET_VS_GCC ? " PASS" : " FAIL") : "") : "-",
                    kernel.present() ? BenchMain.fmt(jit / kernel.nanos(), 2) : "-",
            };
        }
    }

    static final String[] HEADER = {"program", "interpreter ns: best (mean ± err)", "JIT ns: best (mean ± err)", "kernel JIT ns", "gcc -O2 ns",
            "interp/JIT (>= 30x)", "JIT/gcc (<= 1.5 loops)", "JIT/kernel"};

    static int run(Settings s, PrintStream console) throws RunnerException, IOException {
        String include = "^" + Pattern.quote(JitBench.class.getName() + ".") + ".*";
        Collection<RunResult> results = new Runner(BenchMain.options(s, include).build()).run();
        Map<String, double[]> jmh = new HashMap<>();
        for (RunResult r : results) {
            String key = r.getParams().getParam("program") + "/" + r.getParams().getParam("engine");
            var primary = r.getPrimaryResult();
            jmh.put(key, new double[] {primary.getStatistics().getMin(), primary.getScore(), primary.getScoreError()});
        }
        Path tmp = Files.createTempDirectory("extos-bench-c");
        List<Row> rows = new ArrayList<>();
        try {
            for (String name : JitWorkload.NAMES) {
                double[] interp = jmh.get(name + "/interp");
                double[] jit = jmh.get(name + "/jit");
                if (interp == null || jit == null) {
                    continue; // filtered out
                }
                JitWorkload w = JitWorkload.byName(name);
                rows.add(new Row(w, interp[0], interp[1], interp[2], jit[0], jit[1], jit[2], NativeBaselines.kernel(w),
                        NativeBaselines.gcc(w, tmp)));
            }
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (rows.isEmpty()) {
            console.println("run-bench: no benchmark ran");
            return 1;
        }
        String machine = BenchMain.machine();
        console.println();
        console.println("JIT comparison, ns per run (lower is better); interpreter and JIT: " + s.describe()
                + "; kernel: best of 5 test runs; gcc: best of 10 rounds; ratios from the best figures");
        console.println("Machine: " + machine + ", load average " + loadAverage());
        console.println();
        console.print(table(rows));
        notes(rows).forEach(n -> console.println("note: " + n));
        BenchMain.writeTable(s.out(), markdown(rows, s, machine), console);
        return 0;
    }

    private static String ns(double v, double error) {
        int decimals = v < 100 ? 1 : 0;
        return BenchMain.fmt(v, decimals) + (Double.isFinite(error) ? " ± " + BenchMain.fmt(error, decimals) : "");
    }

    static String table(List<Row> rows) {
        return TextTable.format(HEADER, rows.stream().map(Row::cells).toList());
    }

    static String markdown(List<Row> rows, Settings s, String machine) {
        StringBuilder sb = new StringBuilder();
        sb.append("JIT comparison, ns per run; interpreter and JIT: ").append(s.describe())
                .append("; kernel: best of 5 test runs; gcc: best of 10 rounds; ratios from the best figures.  \n");
        sb.append("Machine: ").append(machine).append(", load average ").append(loadAverage()).append(".\n\n");
        sb.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        sb.append("|---|").append("---:|".repeat(HEADER.length - 1)).append('\n');
        for (Row r : rows) {
            sb.append("| ").append(String.join(" | ", r.cells())).append(" |\n");
        }
        sb.append('\n');
        notes(rows).forEach(n -> sb.append("Note: ").append(n).append('\n'));
        return sb.toString();
    }

    static List<String> notes(List<Row> rows) {
        List<String> notes = new ArrayList<>();
        for (Row r : rows) {
            if (r.gcc().present() && r.interp() / r.jit() < TARGET_SPEEDUP) {
                notes.add(r.workload().name() + ": for scale, gcc -O2 itself is " + BenchMain.fmt(r.interp() / r.gcc().nanos(), 1)
                        + "x faster than the interpreter on it.");
            }
            if (r.workload().kernelScale() != 1 && r.kernel().present()) {
                notes.add("* " + r.workload().name() + " on the kernel: XDP test runs take at most about 3.5 KiB of packet, so the kernel"
                        + " scans the first " + r.workload().kernelPacket().length + " bytes (with a bounds check per byte, as its verifier"
                        + " requires) and its time is scaled by " + BenchMain.fmt(r.workload().kernelScale(), 2) + ".");
            }
            if (!r.kernel().present()) {
                notes.add(r.workload().name() + ": no kernel figure: " + r.kernel().absent());
            }
            if (!r.gcc().present()) {
                notes.add(r.workload().name() + ": no gcc figure: " + r.gcc().absent());
            }
            if (r.jitError() > 0.10 * r.jitMean() || r.interpError() > 0.10 * r.interpMean()) {
                notes.add(r.workload().name() + " is noisy (JMH error over 10% of the score): rerun on a quieter machine.");
            }
        }
        return notes;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
