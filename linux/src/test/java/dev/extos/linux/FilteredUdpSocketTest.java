package dev.extos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.isa.asm.Assembler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real sockets on loopback: the kernel runs udp_first_byte.o on every datagram before it is queued. */
class FilteredUdpSocketTest {
    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @BeforeAll
    static void needsBpf() {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
    }

    /** Sends 100 datagrams, every tenth starting with 'K', and returns the payloads that should be kept. */
    private static List<String> sendHundred(int port) throws Exception {
        List<String> matching = new ArrayList<>();
        try (DatagramChannel out = DatagramChannel.open()) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            for (int i = 0; i < 100; i++) {
                String payload = (i % 10 == 3 ? "K" : (char) ('a' + i % 26)) + " datagram " + i;
                if (payload.startsWith("K")) {
                    matching.add(payload);
                }
                out.send(ByteBuffer.wrap(payload.getBytes(StandardCharsets.US_ASCII)), to);
            }
        }
        return matching;
    }

    private static List<String> receiveAll(FilteredUdpSocket socket) {
        socket.setReceiveTimeout(Duration.ofMillis(300));
        List<String> got = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        while (socket.receive(buffer.clear()) != null) {
            byte[] b = new byte[buffer.flip().remaining()];
            buffer.get(b);
            got.add(new String(b, StandardCharsets.US_ASCII));
        }
        return got;
    }

    private static long counter(KernelMap map, int slot) {
        byte[] key = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(slot).array();
        return ByteBuffer.wrap(map.lookup(key).orElseThrow()).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void onlyTheDatagramsTheFilterKeepsArrive() throws Exception {
        try (KernelDomain kernel = KernelDomain.open()) {
            KernelObject filter = kernel.load(Fixtures.object("udp_first_byte"));
            FilteredUdpSocket socket = kernel.bindUdp(LOOPBACK_ANY_PORT, filter.program("keep_first_byte"));
            assertThat(socket.port()).isPositive();
            List<String> matching = sendHundred(socket.port());
            assertThat(matching).hasSize(10);
            assertThat(receiveAll(socket)).containsExactlyElementsOf(matching);
            assertThat(socket.received()).isEqualTo(10);
            KernelMap verdicts = filter.map("verdicts").orElseThrow();
            assertThat(counter(verdicts, 0)).as("kept").isEqualTo(10);
            assertThat(counter(verdicts, 1)).as("dropped in the kernel").isEqualTo(90);
        }
    }

    @Test
    void withoutAFilterEveryDatagramArrivesIntoAHeapBufferToo() throws Exception {
        try (FilteredUdpSocket socket = FilteredUdpSocket.bind(LOOPBACK_ANY_PORT, null)) {
            sendHundred(socket.port());
            socket.setReceiveTimeout(Duration.ofMillis(300));
            ByteBuffer heap = ByteBuffer.allocate(2048);
            InetSocketAddress sender = socket.receive(heap);
            assertThat(sender.getAddress().isLoopbackAddress()).isTrue();
            assertThat(new String(heap.array(), 0, heap.position(), StandardCharsets.US_ASCII)).isEqualTo("a datagram 0");
            assertThat(receiveAll(socket)).hasSize(99);
        }
    }

    @Test
    void aFilterCanBeAttachedAndDetachedOnAnOpenSocket() throws Exception {
        try (KernelObject filter = KernelObject.load(dev.extos.isa.elf.ElfLoader.load(Fixtures.object("udp_first_byte")));
             FilteredUdpSocket socket = FilteredUdpSocket.bind(LOOPBACK_ANY_PORT, null)) {
            socket.attach(filter.program("keep_first_byte"));
            assertThat(receiveAllAfterSending(socket)).hasSize(10);
            socket.detach();
            assertThat(receiveAllAfterSending(socket)).hasSize(100);
        }
    }

    private static List<String> receiveAllAfterSending(FilteredUdpSocket socket) throws Exception {
        sendHundred(socket.port());
        return receiveAll(socket);
    }

    @Test
    void theRodataConstantIsFrozenAfterLoading() throws Exception {
        try (KernelObject filter = KernelObject.load(dev.extos.isa.elf.ElfLoader.load(Fixtures.object("udp_first_byte")))) {
            KernelMap rodata = filter.map(".rodata").orElseThrow();
            assertThat(rodata.lookup(new byte[4]).orElseThrow()[0]).isEqualTo((byte) 'K');
            assertThatThrownBy(() -> rodata.update(new byte[4], new byte[rodata.valueSize()], KernelMap.BPF_ANY))
                    .isInstanceOfSatisfying(KernelMapException.class, e -> assertThat(e.errnoName()).isEqualTo("EPERM"));
        }
    }

    @Test
    void onlySocketFilterProgramsAttach() throws Exception {
        try (LoadedProgram xdp = Bpf.load(Bpf.BPF_PROG_TYPE_XDP, Assembler.assemble("mov %r0, 2\nexit\n"), "GPL", 0)) {
            assertThatThrownBy(() -> FilteredUdpSocket.bind(LOOPBACK_ANY_PORT, xdp))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("socket filter");
        }
    }

    @Test
    void aPortInUseIsEaddrinuse() {
        try (FilteredUdpSocket first = FilteredUdpSocket.bind(LOOPBACK_ANY_PORT, null)) {
            assertThatThrownBy(() -> FilteredUdpSocket.bind(first.localAddress(), null))
                    .isInstanceOfSatisfying(KernelSocketException.class, e -> assertThat(e.errnoName()).isEqualTo("EADDRINUSE"));
        }
    }
}
