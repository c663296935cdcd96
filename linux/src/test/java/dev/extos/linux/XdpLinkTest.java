package dev.extos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.isa.elf.ElfLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * XDP on loopback through a BPF link: while {@code xdp_drop_port} is attached, the datagrams to
 * the chosen port never reach the socket bound to it (the program counts them), other ports are
 * untouched, and closing the link detaches the program so the datagrams arrive again.
 */
class XdpLinkTest {
    private static final Path OBJECT = Path.of(System.getProperty("extos.fixtures", "../fixtures"), "bpf", "xdp_drop_port.o");

    @BeforeAll
    static void needsBpf() {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
    }

    @Test
    void whileAttachedTheChosenPortGetsNothingAndAfterDetachingEverythingArrives() throws Exception {
        attachSendDetach();  // the first round also opens what the JVM keeps open (jars, netlink), so count after it
        long fdsBefore = openFds();
        attachSendDetach();
        assertThat(openFds()).as("no fd left open by a load, attach, detach and close").isEqualTo(fdsBefore);
    }

    private static void attachSendDetach() throws Exception {
        try (KernelObject object = KernelObject.load(ElfLoader.load(OBJECT));
             DatagramChannel dropped = receiver(); DatagramChannel other = receiver()) {
            int droppedPort = ((InetSocketAddress) dropped.getLocalAddress()).getPort();
            KernelMap port = object.map("port").orElseThrow();
            port.update(new byte[4], le32(droppedPort), KernelMap.BPF_ANY);

            try (KernelLink link = KernelLink.attachXdp(object.program("drop_udp_port"), "lo", KernelLink.XdpMode.GENERIC)) {
                KernelLink.Info info = link.info();
                assertThat(info.typeName()).isEqualTo("xdp");
                assertThat(info.interfaceIndex()).isEqualTo(NetworkInterface.getByName("lo").getIndex());
                assertThat(info.programId()).isEqualTo(object.program("drop_udp_port").info().id());

                send(dropped, 20);
                send(other, 5);
                assertThat(receive(dropped)).isZero();
                assertThat(receive(other)).isEqualTo(5);
                assertThat(counter(object.map("verdicts").orElseThrow(), 1)).isEqualTo(20);
            }

            assertThat(sendUntilDelivered(dropped, 3)).as("closing the link detached the program").isEqualTo(3);
            assertThat(counter(object.map("verdicts").orElseThrow(), 1)).isEqualTo(20);
        }
    }

    @Test
    void aPinnedLinkStaysAttachedAfterItsFdClosesAndItsPinOpensAsALink() throws Exception {
        Path dir = BpfFs.prepare(BpfFs.ROOT.resolve("extos-test-" + ProcessHandle.current().pid()));
        Path pin = dir.resolve("xdp_lo");
        try (KernelObject object = KernelObject.load(ElfLoader.load(OBJECT)); DatagramChannel dropped = receiver()) {
            object.map("port").orElseThrow().update(new byte[4], le32(((InetSocketAddress) dropped.getLocalAddress()).getPort()),
                    KernelMap.BPF_ANY);
            int linkId;
            try (KernelLink link = KernelLink.attachXdp(object.program("drop_udp_port"), "lo", KernelLink.XdpMode.GENERIC)) {
                BpfFs.pin(link, pin);
                linkId = link.id();
            }
            send(dropped, 4);
            assertThat(receive(dropped)).as("the pin holds the attachment").isZero();

            try (KernelHandle reopened = BpfFs.open(pin)) {
                assertThat(reopened).isInstanceOf(KernelLink.class);
                assertThat(reopened.id()).isEqualTo(linkId);
            }
            BpfFs.unpin(pin);
            assertThat(sendUntilDelivered(dropped, 2)).as("without pin or fd the link is gone").isEqualTo(2);
        } finally {
            Files.deleteIfExists(pin);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void onlyAnXdpProgramAttachesAndOnlyToAnInterfaceThatExists() throws Exception {
        Path socketFilter = OBJECT.resolveSibling("capture_udp_port.o");
        try (KernelObject xdp = KernelObject.load(ElfLoader.load(OBJECT)); KernelObject socket = KernelObject.load(ElfLoader.load(socketFilter))) {
            assertThatThrownBy(() -> KernelLink.attachXdp(socket.program("keep_udp_port"), "lo", KernelLink.XdpMode.GENERIC))
                    .isInstanceOf(KernelObjectException.class)
                    .hasMessageContaining("only an XDP program");
            assertThatThrownBy(() -> KernelLink.attachXdp(xdp.program("drop_udp_port"), "no-such-nic0", KernelLink.XdpMode.GENERIC))
                    .isInstanceOf(KernelObjectException.class)
                    .hasMessageContaining("no network interface named 'no-such-nic0'");
        }
    }

    private static DatagramChannel receiver() throws IOException {
        DatagramChannel c = DatagramChannel.open();
        c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        c.socket().setSoTimeout((int) Duration.ofMillis(300).toMillis());
        return c;
    }

    private static void send(DatagramChannel to, int count) throws IOException {
        try (DatagramChannel sender = DatagramChannel.open()) {
            for (int i = 0; i < count; i++) {
                sender.send(ByteBuffer.wrap(("datagram " + i).getBytes()), to.getLocalAddress());
            }
        }
    }

    /** Datagrams waiting on {@code c}, reading until 300 ms pass with nothing. */
    private static int receive(DatagramChannel c) throws IOException {
        int n = 0;
        var socket = c.socket();
        var packet = new java.net.DatagramPacket(new byte[256], 256);
        while (true) {
            try {
                socket.receive(packet);
                n++;
            } catch (SocketTimeoutException e) {
                return n;
            }
        }
    }

    /**
     * Sends {@code count} datagrams until they all arrive (at most 20 tries): the kernel releases
     * a link shortly after its last holder goes, not at once. Returns what the last try received.
     */
    static int sendUntilDelivered(DatagramChannel to, int count) throws IOException {
        int got = 0;
        for (int attempt = 0; attempt < 20 && got != count; attempt++) {
            send(to, count);
            got = receive(to);
        }
        return got;
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static long counter(KernelMap map, int slot) {
        byte[] value = map.lookup(le32(slot)).orElseThrow();
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
