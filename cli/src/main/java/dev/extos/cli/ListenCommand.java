package dev.extos.cli;

import dev.extos.isa.elf.BpfObject;
import dev.extos.isa.elf.BpfProgram;
import dev.extos.isa.elf.ElfLoader;
import dev.extos.linux.FilteredUdpSocket;
import dev.extos.linux.KernelDomain;
import dev.extos.linux.KernelMap;
import dev.extos.linux.KernelObject;
import dev.extos.linux.KernelRejectedException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
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
            KernelObject object = null;
            String name = null;
            if (filter != null) {
                BpfObject elf = ElfLoader.load(filter);
                BpfProgram chosen = elf.select(program);
                name = chosen.name();
                object = load(kernel, elf, chosen);
            }
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(bind), port);
            FilteredUdpSocket socket = kernel.bindUdp(address, object == null ? null : object.program(name));
            if (timeout > 0) {
                socket.setReceiveTimeout(Duration.ofNanos((long) (timeout * 1e9)));
            }
            out.println("listening on udp " + socket.localAddress() + (name == null ? " (no filter)" : " through " + name
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
            if (object != null) {
                printMaps(out, object);
            }
            out.flush();
            return 0;
        } catch (java.net.UnknownHostException e) {
            throw new dev.extos.isa.ExtosException("--bind " + bind + " is not an address: " + e.getMessage());
        }
    }

    private static KernelObject load(KernelDomain kernel, BpfObject elf, BpfProgram chosen) {
        try {
            return kernel.load(new BpfObject(elf.file(), elf.license(), elf.maps(), List.of(chosen)));
        } catch (KernelRejectedException e) {
            String log = e.log().isBlank() ? "" : "\nthe kernel verifier's log:\n" + e.log().strip();
            throw new dev.extos.isa.ExtosException("the kernel refused " + chosen.name() + ": " + e.getMessage() + log, e);
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

    /** The filter's array and hash maps, as the program left them (e.g. its counters of kept and dropped datagrams). */
    private static void printMaps(PrintWriter out, KernelObject object) {
        HexFormat h = HexFormat.of();
        for (KernelMap m : object.maps()) {
            if (m.name().startsWith(".")) {
                continue; // global data: the program's constants and variables, not results
            }
            out.println("map " + m.name() + ":");
            int shown = 0;
            for (byte[] k : m.keys()) {
                if (shown++ == 16) {
                    out.println("  ...");
                    break;
                }
                m.lookup(k).ifPresent(v -> out.println("  " + h.formatHex(k) + ": " + h.formatHex(v) + littleEndian(v)));
            }
        }
    }

    private static String littleEndian(byte[] v) {
        if (v.length != 8 && v.length != 4) {
            return "";
        }
        long n = 0;
        for (int i = v.length - 1; i >= 0; i--) {
            n = (n << 8) | (v[i] & 0xff);
        }
        return " (" + Long.toUnsignedString(n) + ")";
    }
}
