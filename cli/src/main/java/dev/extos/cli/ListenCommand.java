package dev.extos.cli;

import dev.extos.linux.FilteredUdpSocket;
import dev.extos.linux.KernelDomain;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code extos listen}: receives UDP datagrams through a socket filter running in the Linux kernel. */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Receives UDP datagrams on a port with a socket-filter program (SEC(\"socket\")) attached in the",
            "Linux kernel, and prints each datagram that arrives: the ones the program drops never reach this process.",
            "Needs CAP_BPF (root). Example: extos listen --udp 9000 --filter fixtures/bpf/udp_first_byte.o --count 10"})
final class ListenCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--udp", paramLabel = "PORT", required = true, description = "The UDP port to listen on.")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The IPv4 address to bind (default: ${DEFAULT-VALUE}).")
    private String bind;

    @Option(names = "--filter", paramLabel = "PROG.o", description = "An ELF object holding a SEC(\"socket\") program; without it every datagram arrives.")
    private Path filter;

    @Option(names = "--program", paramLabel = "NAME", description = "The program's function or section name, when the object holds several.")
    private String program;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N datagrams (default: never).")
    private long count;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop when nothing arrives for this long (default: wait for ever).")
    private double timeout;

    @Option(names = "--hex", description = "Print payloads as hex rather than as text.")
    private boolean hex;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KernelDomain kernel = KernelDomain.open()) {
            KernelFilter kept = filter == null ? null : KernelFilter.load(kernel, filter, program);
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(bind), port);
            FilteredUdpSocket socket = kernel.bindUdp(address, kept == null ? null : kept.program());
            if (timeout > 0) {
                socket.setReceiveTimeout(Duration.ofNanos((long) (timeout * 1e9)));
            }
            out.println("listening on udp " + socket.localAddress() + (kept == null ? " (no filter)" : " through " + kept.name()
                    + " in the kernel"));
            out.flush();
            ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
            long received = 0;
            while (count == 0 || received < count) {
                InetSocketAddress from = socket.receive(buffer.clear());
                if (from == null) {
                    out.println("nothing for " + timeout + " s: stopping");
                    break;
                }
                received++;
                byte[] payload = new byte[buffer.flip().remaining()];
                buffer.get(payload);
                out.println(from.getAddress().getHostAddress() + ":" + from.getPort() + " " + payload.length + " bytes: " + show(payload));
                out.flush();
            }
            out.println(received + " datagram" + (received == 1 ? "" : "s") + " received");
            if (kept != null) {
                KernelMapsPrinter.print(out, kept.object());
            }
            out.flush();
            return 0;
        } catch (java.net.UnknownHostException e) {
            throw new dev.extos.isa.ExtosException("--bind " + bind + " is not an address: " + e.getMessage());
        }
    }

    private String show(byte[] payload) {
        if (!hex) {
            boolean text = true;
            for (byte b : payload) {
                text &= (b >= 0x20 && b < 0x7f) || b == '\n' || b == '\t' || b == '\r';
            }
            if (text) {
                return new String(payload, java.nio.charset.StandardCharsets.US_ASCII).stripTrailing();
            }
        }
        return HexFormat.of().formatHex(payload);
    }
}
