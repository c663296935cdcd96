package dev.extos.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.isa.asm.Assembler;
import dev.extos.linux.Bpf;
import dev.extos.linux.LoadedProgram;
import dev.extos.linux.Privileges;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The UDP benchmark's code on a small slice (2,000 datagrams): the counts, never the speed. */
class UdpBenchTest {

    private static LoadedProgram firstByteFilter() throws Exception {
        try (InputStream in = UdpBench.class.getResourceAsStream("/dev/extos/cli/udp-first-byte.s")) {
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Bpf.load(Bpf.BPF_PROG_TYPE_SOCKET_FILTER, Assembler.assemble(source), "GPL", 0);
        }
    }

    @Test
    void batchedEveryWaySeesTheMatchingDatagramsAndOnlyTheKernelFilterDropsTheRest() throws Exception {
        checkCounts(true, 5_000);
    }

    @Test
    void streamingEveryWaySeesTheMatchingDatagramsAndOnlyTheKernelFilterDropsTheRest() throws Exception {
        checkCounts(false, 2_000);
    }

    private static void checkCounts(boolean batched, int n) throws Exception {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
        StringWriter progress = new StringWriter();
        try (LoadedProgram filter = firstByteFilter()) {
            List<UdpBench.Outcome> outcomes = new UdpBench(new PrintWriter(progress, true), batched).run(filter, n, false);
            assertThat(outcomes).extracting(UdpBench.Outcome::way)
                    .containsExactly(UdpBench.KERNEL, UdpBench.FFM_ALL, UdpBench.CHANNEL);
            assertThat(outcomes).allSatisfy(o -> {
                assertThat(o.sent()).isEqualTo(n);
                assertThat(o.overflows()).as("receive queue overflows").isZero();
                assertThat(o.kept()).isEqualTo(n / 100).isEqualTo(o.expectedKept());
                assertThat(o.receiverCpuNanos()).isPositive();
                assertThat(o.nanos()).isPositive();
            });
            UdpBench.Outcome kernel = outcomes.getFirst();
            assertThat(kernel.received()).as("only the matching datagrams reach the application").isEqualTo(n / 100);
            assertThat(kernel.receiveCalls()).isEqualTo(n / 100);
            assertThat(kernel.socketDrops()).as("the filter's drops are the socket's").isEqualTo(n - n / 100);
            for (UdpBench.Outcome all : outcomes.subList(1, 3)) {
                assertThat(all.received()).as(all.way()).isEqualTo(n);
                assertThat(all.receiveCalls()).as(all.way()).isEqualTo(n);
                assertThat(all.socketDrops()).as(all.way()).isZero();
            }
        }
        assertThat(progress.toString()).contains("kernel filter, " + n + " datagrams");
    }

    @Test
    void theTablePrintsEveryWayAndTheRatioLines() {
        List<UdpBench.Outcome> outcomes = List.of(
                new UdpBench.Outcome(UdpBench.KERNEL, 1000, 10, 10, 10, 10, 990, 0, 10, 2_000_000, 100_000, 900_000),
                new UdpBench.Outcome(UdpBench.FFM_ALL, 1000, 1000, 1000, 10, 10, 0, 0, 5, 2_000_000, 1_500_000, 2_900_000),
                new UdpBench.Outcome(UdpBench.CHANNEL, 1000, 1000, 1000, 9, 10, 0, 3, 7, 2_000_000, 2_500_000, 3_900_000));
        StringWriter out = new StringWriter();
        UdpBench.print(new PrintWriter(out), outcomes);
        assertThat(out.toString().lines().toList()).hasSize(6)
                .anySatisfy(l -> assertThat(l).startsWith("all, DatagramChannel").contains(" 1 ").contains(" 3 "))
                .contains("application CPU: Java-filtered (all, FFM socket) / kernel-filtered = 15.0 x",
                        "application CPU: Java-filtered (all, DatagramChannel) / kernel-filtered = 25.0 x");
    }
}
