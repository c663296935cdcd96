package dev.extos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.Verifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Linux kernel as referee: generated XDP programs judged by the ExtOS verifier and by the
 * kernel's ({@code BPF_PROG_LOAD}, log level 1, license GPL). Required: no program that ExtOS
 * accepts and the kernel rejects for a safety reason. The agreement matrix is printed.
 *
 * <p>{@code -Dextos.referee.count=N -Dextos.referee.seed=S} for long runs (default 2,000).
 */
class KernelRefereeTest {

    /**
     * Kernel rejections that are not about safety, so ExtOS may accept those programs. Each has
     * its justification; they are printed with the matrix.
     */
    static final Map<Pattern, String> NON_SAFETY_KERNEL_REASONS = new LinkedHashMap<>();

    static {
        NON_SAFETY_KERNEL_REASONS.put(Pattern.compile("BPF program is too large"),
                "the kernel's work cap (1,000,000 processed instructions) counts differently from ExtOS's; "
                        + "a cap is a resource limit, not a safety property");
    }

    @BeforeAll
    static void needsBpf() {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
    }

    record Judged(int index, XdpProgramGenerator.Generated program, boolean extos, String extosMessage,
                  boolean kernel, String kernelReason) {
    }

    @Test
    void extosNeverAcceptsWhatTheKernelRejectsForSafety() {
        int count = intProperty("extos.referee.count", 2000);
        long seed = longProperty("extos.referee.seed", 20261130L);
        List<XdpProgramGenerator.Generated> programs = XdpProgramGenerator.generate(seed, count);
        ProgramType xdp = ProgramType.xdp();

        List<Judged> aa = new ArrayList<>();
        List<Judged> ar = new ArrayList<>();
        List<Judged> ra = new ArrayList<>();
        List<Judged> rr = new ArrayList<>();
        Map<String, int[]> byMutation = new TreeMap<>();
        Map<String, Integer> kernelReasonsForExtosRejected = new TreeMap<>();
        long extosNanos = 0;
        long kernelNanos = 0;
        for (int i = 0; i < programs.size(); i++) {
            XdpProgramGenerator.Generated g = programs.get(i);
            Program p = Assembler.assemble(g.text());
            long t0 = System.nanoTime();
            Verdict v = Verifier.verify(p, xdp);
            long t1 = System.nanoTime();
            boolean kernelOk;
            String kernelReason;
            try (LoadedProgram loaded = Bpf.load(Bpf.BPF_PROG_TYPE_XDP, p, "GPL", 1)) {
                kernelOk = true;
                kernelReason = "";
            } catch (KernelRejectedException e) {
                kernelOk = false;
                kernelReason = e.errnoName() + ": " + kernelReason(e.log());
            }
            long t2 = System.nanoTime();
            if (t2 - t0 > 2_000_000_000L) {
                System.out.printf("slow #%d [%s]: ExtOS %d ms, kernel %d ms%n", i, g.mutation(),
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
            }
            extosNanos += t1 - t0;
            kernelNanos += t2 - t1;
            boolean extosOk = v instanceof Verdict.Accepted;
            String extosMessage = v instanceof Verdict.Rejected r ? r.message() : "";
            Judged j = new Judged(i, g, extosOk, extosMessage, kernelOk, kernelReason);
            int cell = (extosOk ? 0 : 2) + (kernelOk ? 0 : 1);
            (switch (cell) {
                case 0 -> aa;
                case 1 -> ar;
                case 2 -> ra;
                default -> rr;
            }).add(j);
            byMutation.computeIfAbsent(g.mutation(), k -> new int[4])[cell]++;
            if (!extosOk && kernelOk) {
                kernelReasonsForExtosRejected.merge(normalise(extosMessageReason(v)), 1, Integer::sum);
            }
        }

        List<Judged> unsafeAccepts = new ArrayList<>();
        List<Judged> excusedAccepts = new ArrayList<>();
        for (Judged j : ar) {
            (nonSafety(j.kernelReason()) != null ? excusedAccepts : unsafeAccepts).add(j);
        }

        StringBuilder report = new StringBuilder();
        report.append("\n=== Kernel referee: ").append(count).append(" XDP programs, seed ").append(seed).append(" ===\n");
        report.append(String.format("%-22s %14s %14s%n", "", "kernel accepts", "kernel rejects"));
        report.append(String.format("%-22s %14d %14d%n", "ExtOS accepts", aa.size(), ar.size()));
        report.append(String.format("%-22s %14d %14d%n", "ExtOS rejects", ra.size(), rr.size()));
        double agreement = 100.0 * (aa.size() + rr.size()) / Math.max(1, count);
        report.append(String.format("agreement: %.2f%% (%d of %d)%n", agreement, aa.size() + rr.size(), count));
        report.append(String.format("time: ExtOS %.1f ms, kernel %.1f ms in total%n", extosNanos / 1e6, kernelNanos / 1e6));
        report.append("\nby mutation (AA AR RA RR):\n");
        byMutation.forEach((m, c) -> report.append(String.format("  %-24s %5d %5d %5d %5d%n", m, c[0], c[1], c[2], c[3])));
        report.append("\nkernel rejections ExtOS may accept (not about safety):\n");
        NON_SAFETY_KERNEL_REASONS.forEach((p, why) -> report.append("  /").append(p).append("/: ").append(why).append('\n'));
        report.append("\nExtOS rejects, kernel accepts, by ExtOS reason:\n");
        kernelReasonsForExtosRejected.forEach((r, n) -> report.append(String.format("  %5d  %s%n", n, r)));
        examples(report, "ExtOS accepts, kernel rejects for a SAFETY reason", unsafeAccepts);
        examples(report, "ExtOS accepts, kernel rejects for a listed non-safety reason", excusedAccepts);
        examples(report, "ExtOS rejects, kernel accepts", ra);
        System.out.println(report);

        assertThat(unsafeAccepts)
                .as("programs ExtOS accepts but the kernel rejects for a safety reason (see the report above)")
                .extracting(j -> "#" + j.index() + " [" + j.program().mutation() + "] kernel: " + j.kernelReason())
                .isEmpty();
    }

    private static void examples(StringBuilder b, String title, List<Judged> list) {
        b.append("\n--- ").append(title).append(": ").append(list.size()).append(" ---\n");
        for (Judged j : list.subList(0, Math.min(10, list.size()))) {
            b.append("#").append(j.index()).append(" mutation=").append(j.program().mutation()).append('\n');
            b.append(j.program().text());
            b.append("  ExtOS:  ").append(j.extos() ? "accepted" : j.extosMessage()).append('\n');
            b.append("  kernel: ").append(j.kernel() ? "accepted" : j.kernelReason()).append("\n\n");
        }
    }

    static String nonSafety(String kernelReason) {
        for (Map.Entry<Pattern, String> e : NON_SAFETY_KERNEL_REASONS.entrySet()) {
            if (e.getKey().matcher(kernelReason).find()) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Log lines that are state dumps, instructions or statistics rather than the kernel's reason. */
    private static final Pattern NOT_A_REASON = Pattern.compile(
            "^(\\d+:|old state|cur state|from \\d+ to|processed |verification time|stack depth|R\\d+|mark_precise"
                    + "|last_idx|regs=|parent|frame\\d|;|-- END PROG LOAD LOG --)");

    /** The kernel's reason: the last log line that is not a state dump or a statistics line. */
    static String kernelReason(String log) {
        String[] lines = log.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (l.isEmpty() || NOT_A_REASON.matcher(l).find()) {
                continue;
            }
            return l;
        }
        return "(no log)";
    }

    private static String extosMessageReason(Verdict v) {
        return v instanceof Verdict.Rejected r ? r.reason() : "";
    }

    private static String normalise(String reason) {
        return reason.replaceAll("-?\\d+", "N").replaceAll("\\(.*\\)", "(...)");
    }

    private static int intProperty(String name, int dflt) {
        return (int) longProperty(name, dflt);
    }

    private static long longProperty(String name, long dflt) {
        String v = System.getProperty(name, "");
        return v.isBlank() || v.startsWith("${") ? dflt : Long.parseLong(v.strip());
    }
}
