package dev.extos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.isa.ExtosException;
import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.verifier.Verdict;
import dev.extos.vm.Engine;
import dev.extos.vm.Engines;
import dev.extos.vm.conformance.ConformanceCase;
import dev.extos.vm.conformance.ConformanceRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Linux kernel as test oracle: programs the kernel loads run in the kernel with
 * PROG_TEST_RUN and in ExtOS's interpreter and JIT (verified as XDP, context from HostContext)
 * on the same packet; r0 (the 32 bits the kernel reports) and the packet afterwards must match.
 * The conformance suite runs under its own calling convention made explicit by a prologue
 * ({@link ConformanceAsXdp}), once for r0's low half and once for its high half; the kernel
 * referee's generated XDP programs run on seeded random packets.
 *
 * <p>{@code -Dextos.oracle.count=N -Dextos.oracle.seed=S -Dextos.oracle.packets=P} for long runs.
 */
class KernelOracleTest {
    private static final List<Engine> ENGINES = List.of(Engines.interpreter(), Engines.jit());

    @BeforeAll
    static void needsBpf() {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
    }

    /** Tallies of one oracle run, printed at the end. */
    private static final class Tally {
        int run;
        int notAProgram;
        int kernelCannotLoad;
        int extosRejects;
        int compared;
        int agree;
        final Map<String, Integer> kernelReasons = new TreeMap<>();
        final List<String> extosRejected = new ArrayList<>();
        final List<String> disagreements = new ArrayList<>();

        void kernelRejected(KernelRejectedException e) {
            kernelCannotLoad++;
            kernelReasons.merge(e.errnoName() + ": " + KernelRefereeTest.kernelReason(e.log())
                    .replaceAll("-?\\d+", "N"), 1, Integer::sum);
        }

        String report(String title) {
            StringBuilder b = new StringBuilder("\n=== Kernel oracle: ").append(title).append(" ===\n");
            b.append(String.format("run %d, not a program %d, kernel cannot load %d, ExtOS verifier rejects %d,"
                    + " compared %d (kernel, interp, jit), agree %d%n", run, notAProgram, kernelCannotLoad,
                    extosRejects, compared, agree));
            b.append("kernel's reasons:\n");
            kernelReasons.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(12)
                    .forEach(e -> b.append(String.format("  %4d  %s%n", e.getValue(), e.getKey())));
            extosRejected.stream().limit(10).forEach(s -> b.append("  ExtOS rejects: ").append(s).append('\n'));
            disagreements.stream().limit(20).forEach(s -> b.append("  DISAGREE ").append(s).append('\n'));
            return b.toString();
        }
    }

    @Test
    void conformanceCasesTheKernelLoadsGiveTheKernelsResults() throws IOException {
        Path dir = Path.of(System.getProperty("extos.shared", "../shared"), "conformance", "bpf_conformance", "tests");
        assumeTrue(Files.isDirectory(dir), () -> "no conformance suite at " + dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".data")).sorted().toList();
        }
        Tally t = new Tally();
        for (Path file : files) {
            t.run++;
            Program body;
            byte[] memory;
            try {
                ConformanceCase c = ConformanceCase.read(file);
                body = ConformanceRunner.program(c);
                memory = c.memory().orElse(new byte[0]);
            } catch (ExtosException e) {
                t.notAProgram++;
                continue;
            }
            byte[] packet = ConformanceAsXdp.packet(memory);
            String name = file.getFileName().toString();
            if (compare(t, name + " (low half)", ConformanceAsXdp.lowHalf(body, memory), List.of(packet), false)) {
                compare(t, name + " (high half)", ConformanceAsXdp.highHalf(body, memory), List.of(packet), true);
            }
        }
        System.out.println(t.report(files.size() + " conformance cases, each compared as r0's low and high half"));
        assertThat(t.disagreements).as("cases where ExtOS and the kernel differ (see the report above)").isEmpty();
        assertThat(t.compared).as("programs the kernel ran: two per case, so more than half the cases").isGreaterThan(files.size());
    }

    @Test
    void generatedXdpProgramsTheKernelLoadsGiveTheKernelsResults() {
        int count = (int) longProperty("extos.oracle.count", 300);
        long seed = longProperty("extos.oracle.seed", 20261201L);
        int packets = (int) longProperty("extos.oracle.packets", 3);
        Random rnd = new Random(seed ^ 0x5eed);
        Tally t = new Tally();
        for (XdpProgramGenerator.Generated g : XdpProgramGenerator.generate(seed, count)) {
            t.run++;
            List<byte[]> inputs = new ArrayList<>();
            for (int i = 0; i < packets; i++) {
                byte[] p = new byte[ConformanceAsXdp.MIN_PACKET + rnd.nextInt(180)];
                rnd.nextBytes(p);
                inputs.add(p);
            }
            compare(t, "#" + (t.run - 1) + " [" + g.mutation() + "]", Assembler.assemble(g.text()), inputs, false);
        }
        System.out.println(t.report(count + " generated XDP programs, seed " + seed + ", " + packets + " packets each"));
        assertThat(t.disagreements).as("programs where ExtOS and the kernel differ (see the report above)").isEmpty();
        assertThat(t.compared).as("generated programs the kernel ran").isPositive();
    }

    /**
     * Loads {@code program} in the kernel and ExtOS and compares runs on each input; returns
     * false when either refused it. {@code upperHalf} only labels the comparison.
     */
    private static boolean compare(Tally t, String name, Program program, List<byte[]> inputs, boolean upperHalf) {
        try (LoadedProgram loaded = Bpf.load(Bpf.BPF_PROG_TYPE_XDP, program, "GPL", 1)) {
            Verdict v = ExtosXdpRun.verify(program, List.of());
            if (!(v instanceof Verdict.Accepted accepted)) {
                t.extosRejects++;
                t.extosRejected.add(name + ": " + ((Verdict.Rejected) v).message());
                return false;
            }
            t.compared++;
            boolean all = true;
            for (byte[] input : inputs) {
                Bpf.TestRun k = Bpf.testRun(loaded, input, 1);
                for (Engine e : ENGINES) {
                    ExtosXdpRun.Outcome o = ExtosXdpRun.run(e, accepted.program(), input, null);
                    String diff = o.fault() != null ? "fault " + o.fault()
                            : (o.r0() & 0xffffffffL) != k.retval() ? String.format("r0 0x%x, kernel 0x%x", o.r0() & 0xffffffffL, k.retval())
                            : !Arrays.equals(o.packet(), k.dataOut()) ? "packet " + HexFormat.of().formatHex(o.packet())
                                    + ", kernel " + HexFormat.of().formatHex(k.dataOut())
                            : null;
                    if (diff != null) {
                        all = false;
                        t.disagreements.add(name + " on " + e.name() + (upperHalf ? " (r0 >> 32)" : "") + ": " + diff);
                    }
                }
            }
            if (all) {
                t.agree++;
            }
            return true;
        } catch (KernelRejectedException e) {
            if (e.command() != Bpf.BPF_PROG_LOAD) {
                t.disagreements.add(name + ": the kernel refused the test run: " + e.getMessage());
                return false;
            }
            t.kernelRejected(e);
            return false;
        }
    }

    private static long longProperty(String name, long dflt) {
        String v = System.getProperty(name, "");
        return v.isBlank() || v.startsWith("${") ? dflt : Long.parseLong(v.strip());
    }
}
