package dev.extos.linux;

import dev.extos.isa.elf.BpfObject;
import dev.extos.isa.elf.ElfLoader;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Linux kernel as an ExtOS domain: programs go into the real kernel with bpf(2), where the
 * kernel's verifier checks them and its JIT runs them in the IO path, here on datagram receive
 * and packet capture.
 * Everything loaded or opened through the domain is closed with it.
 *
 * <pre>{@code
 * try (KernelDomain kernel = KernelDomain.open()) {
 *     KernelObject filter = kernel.load(Path.of("udp_first_byte.o"));
 *     FilteredUdpSocket socket = kernel.bindUdp(new InetSocketAddress("127.0.0.1", 9000),
 *             filter.program("keep_first_byte"));
 *     ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
 *     InetSocketAddress sender = socket.receive(buffer.clear()); // only kept datagrams arrive
 * }
 * }</pre>
 */
public final class KernelDomain implements AutoCloseable {
    private final List<AutoCloseable> owned = new ArrayList<>();
    private boolean closed;

    private KernelDomain() {
    }

    /** The kernel domain of this machine; throws with the reason when this process may not use bpf(). */
    public static KernelDomain open() {
        Privileges.whyNot().ifPresent(why -> {
            throw new KernelObjectException("the kernel domain is not available: " + why);
        });
        return new KernelDomain();
    }

    /** "kernel". */
    public String name() {
        return "kernel";
    }

    /** Loads every program of the ELF object at {@code file} with its maps (see {@link KernelObject}). */
    public KernelObject load(Path file) throws KernelRejectedException {
        return load(ElfLoader.load(file));
    }

    /** Loads every program of {@code object} with its maps. */
    public synchronized KernelObject load(BpfObject object) throws KernelRejectedException {
        return own(KernelObject.load(object));
    }

    /** A UDP socket bound to {@code address} whose datagrams pass through {@code filter} (null: none) in the kernel. */
    public synchronized FilteredUdpSocket bindUdp(InetSocketAddress address, LoadedProgram filter) {
        return own(FilteredUdpSocket.bind(address, filter));
    }

    /** A packet capture on the interface {@code interfaceName} through {@code filter} (null: every packet) in the kernel. */
    public synchronized PacketCapture capture(String interfaceName, LoadedProgram filter) {
        return own(PacketCapture.open(interfaceName, filter));
    }

    private <T extends AutoCloseable> T own(T thing) {
        if (closed) {
            try {
                thing.close();
            } catch (Exception e) {
                // closing what was just made on a closed domain; the error below says what matters
            }
            throw new IllegalStateException("the kernel domain is closed");
        }
        owned.add(thing);
        return thing;
    }

    /** Closes the sockets and objects opened through the domain, newest first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                // keep closing the rest; descriptors of a closed domain are released regardless
            }
        }
        owned.clear();
    }
}
