package dev.extos.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * An IPv4 UDP socket made with {@code socket(2)} through {@code java.lang.foreign}, with a
 * socket-filter program attached ({@code SO_ATTACH_BPF}): the kernel runs the program on every
 * datagram before queueing it, and the datagrams it drops never reach the application (no
 * wake-up, no system call, no copy). Receives are like {@code DatagramChannel.receive}. One
 * thread receives at a time; {@link #close()} releases the descriptor (not the program, which the
 * caller owns and may close once attached: the socket keeps its own reference).
 */
public final class FilteredUdpSocket implements AutoCloseable {
    /** The biggest UDP payload, the size of the bounce buffer for heap buffers. */
    private static final int MAX_DATAGRAM = 65_535;

    private final FileDescriptor socket;
    private final InetSocketAddress local;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment from = arena.allocate(Sockets.SOCKADDR_IN_SIZE, 4);
    private final MemorySegment fromLen = arena.allocate(ValueLayout.JAVA_INT);
    private final MemorySegment state = Sockets.callState(arena);
    private MemorySegment bounce;
    private long received;

    private FilteredUdpSocket(int fd) {
        this.local = Sockets.localAddress(fd);
        this.socket = new FileDescriptor(fd, "UDP socket " + local);
    }

    /**
     * A UDP socket bound to {@code address} (port 0: any free port) with {@code filter} attached,
     * or none when {@code filter} is null. The filter is attached before the bind, so no datagram
     * ever arrives unfiltered.
     */
    public static FilteredUdpSocket bind(InetSocketAddress address, LoadedProgram filter) {
        int fd = Sockets.udpSocket();
        try {
            if (filter != null) {
                Sockets.attachFilter(fd, filter);
            }
            Sockets.bind(fd, address);
            return new FilteredUdpSocket(fd);
        } catch (RuntimeException e) {
            Bpf.closeFd(fd);
            throw e;
        }
    }

    /** Replaces the socket's filter with {@code filter}, from the next datagram on. */
    public void attach(LoadedProgram filter) {
        Sockets.attachFilter(fd(), filter);
    }

    /** Removes the filter: every datagram arrives from now on. */
    public void detach() {
        Sockets.setIntOption(fd(), Sockets.SO_DETACH_BPF, "SO_DETACH_BPF", 0);
    }

    /** The address and port the socket is bound to. */
    public InetSocketAddress localAddress() {
        return local;
    }

    /** The port the socket is bound to. */
    public int port() {
        return local.getPort();
    }

    /** How long {@link #receive} waits before returning null; zero waits for ever. */
    public void setReceiveTimeout(Duration timeout) {
        Sockets.setReceiveTimeout(fd(), timeout);
    }

    /** Asks for a receive queue of {@code bytes} (the kernel doubles it and caps it at net.core.rmem_max). */
    public void setReceiveBufferSize(int bytes) {
        Sockets.setIntOption(fd(), Sockets.SO_RCVBUF, "SO_RCVBUF", bytes);
    }

    /**
     * Waits for the next datagram the filter kept and puts it into {@code dst} at its position
     * (cut to the space remaining, as UDP does); returns the sender, or null when the receive
     * timeout passed.
     */
    public synchronized InetSocketAddress receive(ByteBuffer dst) {
        int fd = fd();
        long n;
        if (dst.isDirect()) {
            MemorySegment target = MemorySegment.ofBuffer(dst);
            n = Sockets.receive(fd, target, from, fromLen, state);
        } else {
            if (bounce == null) {
                bounce = arena.allocate(MAX_DATAGRAM);
            }
            MemorySegment target = bounce.asSlice(0, Math.min(MAX_DATAGRAM, dst.remaining()));
            n = Sockets.receive(fd, target, from, fromLen, state);
            if (n > 0) {
                MemorySegment.copy(bounce, ValueLayout.JAVA_BYTE, 0, dst.array(), dst.arrayOffset() + dst.position(), (int) n);
            }
        }
        if (n < 0) {
            return null;
        }
        dst.position(dst.position() + (int) n);
        received++;
        return Sockets.address(from);
    }

    /** Datagrams received so far (each one system call). */
    public synchronized long received() {
        return received;
    }

    private int fd() {
        return socket.get();
    }

    @Override
    public synchronized void close() {
        if (!socket.isClosed()) {
            socket.close();
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "FilteredUdpSocket[" + local + (socket.isClosed() ? ", closed" : "") + "]";
    }
}
