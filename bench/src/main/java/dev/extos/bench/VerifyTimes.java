package dev.extos.bench;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.Verifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code run-bench verify}: how long the verifier takes, on the conformance programs, on packet
 * parsers of growing size and on a program that exhausts the 1,000,000-instruction cap. A whole-job
 * measurement (median of repeated runs after warm-up), not JMH: the figure of interest is a
 * distribution over many programs. Targets from the issue: median under 1 ms for programs under
 * 1,000 instructions; the cap reached in seconds.
 */
public final class VerifyTimes {
    private static final int WARMUP = 20;
    private static final int RUNS = 30;

    private VerifyTimes() {
    }

    /** A program to verify, with the type it is verified as. */
    record Case(String name, Program program, ProgramType type) {
    }

    public static void main(String[] args) throws IOException {
        run(System.out);
    }

    static void run(PrintStream out) throws IOException {
        List<Case> cases = new ArrayList<>(conformance());
        for (int checks : new int[] {1, 10, 50, 100, 110}) {
            cases.add(new Case("packet parser, " + checks + " bounds checks", packetParser(checks), ProgramType.xdp()));
        }
        out.println("Verification time, JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; median of " + RUNS + " runs after " + WARMUP + " warm-up runs per program");
        out.println();
        List<double[]> small = new ArrayList<>();
        for (Case c : cases) {
            double[] ms = time(c);
            if (c.program().slotCount() < 1000) {
                small.add(ms);
            }
            if (!c.name().endsWith(".data")) {
                out.printf(Locale.ROOT, "  %-34s %5d insns  median %8.3f ms  %s%n", c.name(), c.program().slotCount(),
                        median(ms), verdict(c));
            }
        }
        double[] medians = small.stream().mapToDouble(VerifyTimes::median).sorted().toArray();
        out.printf(Locale.ROOT, "%n  %d programs under 1,000 instructions (%d conformance programs + the parsers above):%n",
                medians.length, medians.length - 5);
        out.printf(Locale.ROOT, "  median %.3f ms, p90 %.3f ms, max %.3f ms   target: median < 1 ms  %s%n",
                percentile(medians, 50), percentile(medians, 90), medians[medians.length - 1],
                percentile(medians, 50) < 1.0 ? "PASS" : "FAIL");

        out.printf(Locale.ROOT, "%n  DESIGN §6: a loop counting the spaces of a record (extos/read), target: milliseconds%n");
        for (int bound : new int[] {128, 1024}) {
            Case c = new Case("space-counting loop, " + bound + " bytes", spaceCount(bound), ProgramType.extosRead());
            out.printf(Locale.ROOT, "  %-34s %5d insns  median %8.3f ms  %s%n", c.name(), c.program().slotCount(),
                    median(time(c)), verdict(c));
        }

        Program cap = branchChain(24);
        long start = System.nanoTime();
        Verdict v = Verifier.verify(cap, ProgramType.xdp());
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%n  cap: %d chained branches -> %s after %,d processed instructions in %.2f s   target: seconds  %s%n",
                24, v instanceof Verdict.Rejected r ? "rejected (" + r.reason() + ")" : "accepted",
                v.stats().processedInstructions(), seconds, seconds < 10 ? "PASS" : "FAIL");
    }

    private static String verdict(Case c) {
        return Verifier.verify(c.program(), c.type()) instanceof Verdict.Accepted ? "accepted" : "rejected";
    }

    private static double[] time(Case c) {
        for (int i = 0; i < WARMUP; i++) {
            Verifier.verify(c.program(), c.type());
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            Verifier.verify(c.program(), c.type());
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 50);
    }

    private static double percentile(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** An XDP program that reads a u64 at each of {@code checks} packet offsets, each behind its own bounds check. */
    static Program packetParser(int checks) {
        StringBuilder a = new StringBuilder("ldxw %r2, [%r1+0]\nldxw %r3, [%r1+4]\nmov %r0, 0\n");
        for (int k = 0; k < checks; k++) {
            int off = 8 * k;
            a.append("mov %r4, %r2\nadd %r4, ").append(off + 8).append("\njgt %r4, %r3, out\n")
                    .append("ldxdw %r5, [%r2+").append(off).append("]\nxor %r0, %r5\nand %r0, 0xffff\n");
        }
        a.append("out:\nexit\n");
        return Assembler.assemble(a.toString());
    }

    /** Counts the spaces among the first {@code bound} bytes of the record and returns the count. */
    static Program spaceCount(int bound) {
        return Assembler.assemble("""
                ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+4]
                mov %r4, 0
                mov %r5, 0
                loop:
                mov %r6, %r2
                add %r6, %r4
                mov %r7, %r6
                add %r7, 1
                jgt %r7, %r3, out
                ldxb %r8, [%r6+0]
                jne %r8, 32, nospace
                add %r5, 1
                nospace:
                add %r4, 1
                jlt %r4, BOUND, loop
                out:
                mov %r0, %r5
                exit
                """.replace("BOUND", Integer.toString(bound)));
    }

    /** Independent undecidable branches in a row: the paths double with each, until the cap stops the work. */
    static Program branchChain(int branches) {
        StringBuilder a = new StringBuilder("ldxw %r2, [%r1+12]\nmov %r0, 0\n");
        for (int k = 0; k < branches; k++) {
            a.append("jset %r2, ").append(1 << (k % 31)).append(", +1\nadd %r0, ").append(k + 1).append('\n');
        }
        a.append("and %r0, 1\nexit\n");
        return Assembler.assemble(a.toString());
    }

    private static List<Case> conformance() throws IOException {
        Path tests = sharedDirectory().resolve("conformance/bpf_conformance/tests");
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(tests)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".data")).sorted().toList()) {
                String text = Files.readString(f);
                int asm = text.indexOf("-- asm\n");
                if (asm < 0) {
                    continue;
                }
                int end = text.indexOf("\n--", asm + 6);
                Program p = Assembler.assemble(text.substring(asm + 7, end < 0 ? text.length() : end + 1));
                cases.add(new Case(f.getFileName().toString(), p, ProgramType.memory(memoryLength(text))));
            }
        }
        return cases;
    }

    private static long memoryLength(String text) {
        int mem = text.indexOf("-- mem\n");
        if (mem < 0) {
            return 0;
        }
        int end = text.indexOf("\n--", mem + 6);
        String body = text.substring(mem + 7, end < 0 ? text.length() : end);
        return Arrays.stream(body.split("\\s+")).filter(s -> !s.isEmpty() && !s.startsWith("#")).count();
    }

    private static Path sharedDirectory() {
        String configured = System.getProperty("extos.shared");
        if (configured != null && Files.isDirectory(Paths.get(configured))) {
            return Paths.get(configured);
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/conformance"))) {
                return p.resolve("shared");
            }
        }
        throw new IllegalStateException("the conformance suite was not found in ../shared (set -Dextos.shared=PATH)");
    }
}
