package dev.extos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.isa.asm.Assembler;
import dev.extos.isa.elf.ElfLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real capture on lo: the kernel runs capture_udp_port.o on every packet before it is queued to the AF_PACKET socket. */
class PacketCaptureTest {
    private static final int ETHERNET = 14;
    private static final int IPV4 = 20;
    private static final int UDP = 8;

    @BeforeAll
    static void needsBpfAndPacketSockets() {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
        String why = null;
        try (PacketCapture probe = PacketCapture.open("lo", null)) {
            assertThat(probe.interfaceIndex()).isPositive();
        } catch (KernelSocketException e) {
            why = "AF_PACKET sockets are not permitted here (needs CAP_NET_RAW): " + e.getMessage();
        }
        String reason = why;
        assumeTrue(reason == null, () -> reason);
    }

    /** A UDP socket on loopback that takes the datagrams, so that no ICMP "port unreachable" adds packets. */
    private static DatagramChannel sink() throws IOException {
        return DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private static int port(DatagramChannel c) throws IOException {
        return ((InetSocketAddress) c.getLocalAddress()).getPort();
    }

    private static List<String> send(int port, String prefix, int count) throws IOException {
        List<String> sent = new ArrayList<>();
        try (DatagramChannel out = DatagramChannel.open(StandardProtocolFamily.INET)) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            for (int i = 0; i < count; i++) {
                String payload = prefix + " " + i;
                out.send(ByteBuffer.wrap(payload.getBytes(StandardCharsets.US_ASCII)), to);
                sent.add(payload);
            }
        }
        return sent;
    }

    private static List<CapturedPacket> drain(PacketCapture capture) {
        capture.setReceiveTimeout(Duration.ofMillis(300));
        List<CapturedPacket> got = new ArrayList<>();
        for (CapturedPacket p; (p = capture.next()) != null; ) {
            got.add(p);
        }
        return got;
    }

    private static boolean isIpv4Udp(byte[] frame) {
        return frame.length >= ETHERNET + IPV4 + UDP && frame[12] == 0x08 && frame[13] == 0 && frame[ETHERNET + 9] == 17;
    }

    private static int udpDestinationPort(byte[] frame) {
        int at = ETHERNET + (frame[ETHERNET] & 0x0f) * 4 + 2;
        return ((frame[at] & 0xff) << 8) | (frame[at + 1] & 0xff);
    }

    private static String udpPayload(byte[] frame) {
        int at = ETHERNET + (frame[ETHERNET] & 0x0f) * 4 + UDP;
        return new String(frame, at, frame.length - at, StandardCharsets.US_ASCII);
    }

    private static long counter(KernelMap map, int slot) {
        byte[] key = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(slot).array();
        return ByteBuffer.wrap(map.lookup(key).orElseThrow()).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static void setPort(KernelObject filter, int port) {
        byte[] value = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(port).array();
        filter.map("port").orElseThrow().update(new byte[4], value, KernelMap.BPF_ANY);
    }

    @Test
    void onlyTheUdpPacketsToTheChosenPortArriveEachOnce() throws Exception {
        try (KernelDomain kernel = KernelDomain.open();
             DatagramChannel wanted = sink();
             DatagramChannel other = sink()) {
            KernelObject filter = kernel.load(Fixtures.object("capture_udp_port"));
            setPort(filter, port(wanted));
            PacketCapture capture = kernel.capture("lo", filter.program("keep_udp_port"));
            Instant before = Instant.now();
            List<String> expected = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                send(port(other), "other", 5);
                expected.addAll(send(port(wanted), "wanted r" + round, 5));
            }
            List<CapturedPacket> packets = drain(capture);

            assertThat(packets).allSatisfy(p -> {
                byte[] frame = p.data();
                assertThat(isIpv4Udp(frame)).as("IPv4 UDP").isTrue();
                assertThat(udpDestinationPort(frame)).isEqualTo(port(wanted));
                assertThat(p.length()).isEqualTo(frame.length).isEqualTo(ETHERNET + IPV4 + UDP + udpPayload(frame).length());
                assertThat(p.interfaceIndex()).isEqualTo(capture.interfaceIndex());
                assertThat(p.protocol()).isEqualTo(0x0800);
                assertThat(p.outgoing()).as("loopback's outgoing copy is ignored").isFalse();
                assertThat(p.time()).isAfterOrEqualTo(before.minusMillis(10)).isBeforeOrEqualTo(Instant.now());
            });
            assertThat(packets.stream().map(p -> udpPayload(p.data())).toList()).containsExactlyElementsOf(expected);
            assertThat(capture.captured()).isEqualTo(expected.size());
            assertThat(capture.statistics().received()).isEqualTo(expected.size());
            KernelMap verdicts = filter.map("verdicts").orElseThrow();
            assertThat(counter(verdicts, 0)).as("kept").isEqualTo(expected.size());
            assertThat(counter(verdicts, 1)).as("dropped in the kernel").isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void portZeroKeepsEveryUdpPort() throws Exception {
        try (KernelObject filter = KernelObject.load(ElfLoader.load(Fixtures.object("capture_udp_port")));
             DatagramChannel a = sink();
             DatagramChannel b = sink();
             PacketCapture capture = PacketCapture.open("lo", filter.program("keep_udp_port"))) {
            List<String> sent = new ArrayList<>(send(port(a), "to a", 3));
            sent.addAll(send(port(b), "to b", 3));
            List<CapturedPacket> packets = drain(capture);
            assertThat(packets).allSatisfy(p -> assertThat(isIpv4Udp(p.data())).isTrue());
            assertThat(packets.stream().map(p -> udpPayload(p.data())).toList()).containsSubsequence(sent);
        }
    }

    @Test
    void aFilterReturningASnapLengthCutsThePacketAndTheWireLengthStays() throws Exception {
        try (LoadedProgram first42 = Bpf.load(Bpf.BPF_PROG_TYPE_SOCKET_FILTER, Assembler.assemble("mov %r0, 42\nexit\n"), "GPL", 0);
             DatagramChannel to = sink();
             PacketCapture capture = PacketCapture.open("lo", first42)) {
            String payload = "x".repeat(300) + " snap test";
            int port = port(to);
            send(port, payload, 1);
            List<CapturedPacket> mine = drain(capture).stream()
                    .filter(p -> isIpv4Udp(p.data()) && udpDestinationPort(p.data()) == port).toList();
            assertThat(mine).hasSize(1);
            assertThat(mine.getFirst().capturedLength()).isEqualTo(42);
            assertThat(mine.getFirst().length()).isEqualTo(ETHERNET + IPV4 + UDP + payload.length() + 2);
        }
    }

    @Test
    void closingReleasesTheSocketAndAClosedCaptureSaysSo() throws Exception {
        long before = openFds();
        PacketCapture capture;
        try (KernelObject filter = KernelObject.load(ElfLoader.load(Fixtures.object("capture_udp_port")))) {
            capture = PacketCapture.open("lo", filter.program("keep_udp_port"));
            capture.statistics();
            capture.close();
            capture.close();
        }
        assertThat(openFds()).isEqualTo(before);
        assertThatThrownBy(capture::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void anUnknownInterfaceIsNamedInTheError() {
        long before = openFds();
        assertThatThrownBy(() -> PacketCapture.open("extos-none0", null))
                .isInstanceOfSatisfying(KernelSocketException.class, e -> assertThat(e.errnoName()).isEqualTo("ENODEV"))
                .hasMessageContaining("no network interface named extos-none0");
        assertThat(openFds()).isEqualTo(before);
    }

    @Test
    void onlySocketFilterProgramsAttach() throws Exception {
        long before = openFds();
        try (LoadedProgram xdp = Bpf.load(Bpf.BPF_PROG_TYPE_XDP, Assembler.assemble("mov %r0, 2\nexit\n"), "GPL", 0)) {
            assertThatThrownBy(() -> PacketCapture.open("lo", xdp))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("socket filter");
        }
        assertThat(openFds()).isEqualTo(before);
    }

    private static long openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
