package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.linux.Privileges;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ListenCommandTest {

    @Test
    void printsOnlyTheDatagramsTheKernelFilterKeeps() throws Exception {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
        int port;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort(); // a port free a moment ago
        }
        String filter = Path.of(System.getProperty("extos.fixtures", "../fixtures"), "bpf", "udp_first_byte.o").toString();
        CompletableFuture<Cli.Result> listening = CompletableFuture.supplyAsync(() ->
                Cli.run("listen", "--udp", Integer.toString(port), "--filter", filter, "--count", "2", "--timeout", "5"));
        try (DatagramChannel out = DatagramChannel.open()) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            // keep sending until the listener is up and has seen two kept datagrams
            for (int round = 0; round < 100 && !listening.isDone(); round++) {
                for (String p : new String[] {"drop me " + round, "K keep " + round, "nope"}) {
                    out.send(ByteBuffer.wrap(p.getBytes(StandardCharsets.US_ASCII)), to);
                }
                Thread.sleep(50);
            }
        }
        Cli.Result r = listening.get();
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).filteredOn(l -> l.contains(" bytes: ")).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("bytes: K keep "));
        assertThat(r.out()).contains("2 datagrams received").contains("map verdicts:");
    }
}
