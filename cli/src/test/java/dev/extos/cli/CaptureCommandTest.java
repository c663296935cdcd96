package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.linux.Privileges;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CaptureCommandTest {
    private static final String FILTER = Path.of(System.getProperty("extos.fixtures", "../fixtures"), "bpf", "capture_udp_port.o").toString();

    @Test
    void printsOnlyThePacketsToThePortTheFilterWasGiven() throws Exception {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
        try (DatagramChannel wanted = sink(); DatagramChannel other = sink()) {
            int port = ((InetSocketAddress) wanted.getLocalAddress()).getPort();
            CompletableFuture<Cli.Result> capturing = CompletableFuture.supplyAsync(() -> Cli.run("capture", "--interface", "lo",
                    "--filter", FILTER, "--set", "port=" + port, "--count", "3", "--timeout", "5", "--hex"));
            try (DatagramChannel out = DatagramChannel.open(StandardProtocolFamily.INET)) {
                // keep sending until the capture is up and has seen three packets
                for (int round = 0; round < 100 && !capturing.isDone(); round++) {
                    out.send(ByteBuffer.wrap(("other " + round).getBytes(StandardCharsets.US_ASCII)), other.getLocalAddress());
                    out.send(ByteBuffer.wrap(("wanted " + round).getBytes(StandardCharsets.US_ASCII)), wanted.getLocalAddress());
                    Thread.sleep(50);
                }
            }
            Cli.Result r = capturing.get();
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).first().isEqualTo("capturing on lo through keep_udp_port in the kernel");
            assertThat(r.outLines()).filteredOn(l -> l.contains(" UDP ")).hasSize(3)
                    .allSatisfy(l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{6} \\d+ bytes IPv4 127\\.0\\.0\\.1:\\d+ > 127\\.0\\.0\\.1:"
                            + port + " UDP \\d+ bytes"));
            assertThat(r.outLines()).filteredOn(l -> l.startsWith("  0000  ")).hasSize(3);
            assertThat(r.out()).contains("3 packets captured; kernel statistics: ").contains("map verdicts:");
        }
    }

    @Test
    void anUnknownInterfaceIsOneLine() {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
        Cli.Result r = Cli.run("capture", "--interface", "extos-none0", "--count", "1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err().strip()).isEqualTo("extos: there is no network interface named extos-none0 (ip link lists them)");
    }

    @Test
    void setNeedsAFilter() {
        Cli.Result r = Cli.run("capture", "--interface", "lo", "--set", "port=1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("--set needs --filter");
    }

    private static DatagramChannel sink() throws java.io.IOException {
        return DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }
}
