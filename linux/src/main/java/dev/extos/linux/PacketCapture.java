package dev.extos.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;

/**
 * Packet capture, tcpdump's core done with eBPF: a raw {@code AF_PACKET} socket bound to one
 * interface with a socket-filter program attached ({@code SO_ATTACH_BPF}). The kernel runs the
 * program on every packet the interface sends or receives, link-layer header included, and
 * queues only the ones it keeps (cut to the length it returns); the rest never reach this
 * process. Each packet comes with the kernel's receive time and its length on the wire. On a
 * loopback interface, where every packet passes twice (out, then in), the outgoing copy is
 * ignored in the kernel ({@code PACKET_IGNORE_OUTGOING}), as tcpdump does. Needs CAP_NET_RAW
 * (and CAP_BPF for the filter). One thread receives at a time; {@link #close()} releases the
 * descriptor, not the program, which the caller owns.
 */
public final class PacketCapture implements AutoCloseable {
    /** Room for the biggest packet on loopback (64 KiB MTU) with headers; longer ones are cut. */
    private static final int BUFFER = 256 << 10;
    private static final int CONTROL = 256;
    /** {@code struct msghdr} on x86-64: name, namelen, iov, iovlen, control, controllen, flags. */
    private static final int MSGHDR_SIZE = 56;
    private static final long MSG_NAMELEN = 8;
    private static final long MSG_IOV = 16;
    private static final long MSG_IOVLEN = 24;
    private static final long MSG_CONTROL = 32;
    private static final long MSG_CONTROLLEN = 40;
    private static final long MSG_FLAGS = 48;
    private static final int PACKET_OUTGOING = 4;

    private final FileDescriptor socket;
    private final String interfaceName;
    private final int interfaceIndex;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(BUFFER, 8);
    private final MemorySegment control = arena.allocate(CONTROL, 8);
    private final MemorySegment from = arena.allocate(Sockets.SOCKADDR_LL_SIZE, 4);
    private final MemorySegment message = arena.allocate(MSGHDR_SIZE, 8);
    private final MemorySegment state = Sockets.callState(arena);
    private long packets;
    private long statisticsReceived;
    private long statisticsDropped;

    private PacketCapture(int fd, String interfaceName, int interfaceIndex) {
        this.socket = new FileDescriptor(fd, "packet capture on " + interfaceName);
        this.interfaceName = interfaceName;
        this.interfaceIndex = interfaceIndex;
        MemorySegment iov = arena.allocate(16, 8); // struct iovec: base, length
        iov.set(ValueLayout.ADDRESS, 0, buffer);
        iov.set(ValueLayout.JAVA_LONG, 8, BUFFER);
        message.set(ValueLayout.ADDRESS, 0, from);
        message.set(ValueLayout.ADDRESS, MSG_IOV, iov);
        message.set(ValueLayout.JAVA_LONG, MSG_IOVLEN, 1);
        message.set(ValueLayout.ADDRESS, MSG_CONTROL, control);
    }

    /**
     * Starts capturing on the interface named {@code interfaceName} (e.g. "lo") through
     * {@code filter}, a socket-filter program, or every packet when {@code filter} is null. The
     * filter is attached before the socket is bound, so no packet ever arrives unfiltered.
     */
    public static PacketCapture open(String interfaceName, LoadedProgram filter) {
        NetworkInterface nic = networkInterface(interfaceName);
        int fd = Sockets.packetSocket();
        try {
            if (filter != null) {
                Sockets.attachFilter(fd, filter);
            }
            if (isLoopback(nic)) {
                Sockets.setIntOption(fd, Sockets.SOL_PACKET, Sockets.PACKET_IGNORE_OUTGOING, "PACKET_IGNORE_OUTGOING", 1);
            }
            Sockets.setIntOption(fd, Sockets.SO_TIMESTAMPNS, "SO_TIMESTAMPNS", 1);
            Sockets.setIntOption(fd, Sockets.SOL_PACKET, Sockets.PACKET_AUXDATA, "PACKET_AUXDATA", 1);
            Sockets.bindPacket(fd, nic.getIndex(), Sockets.ETH_P_ALL);
            return new PacketCapture(fd, interfaceName, nic.getIndex());
        } catch (RuntimeException e) {
            Bpf.closeFd(fd);
            throw e;
        }
    }

    private static NetworkInterface networkInterface(String name) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic == null) {
                throw KernelSocketException.withMessage("there is no network interface named " + name + " (ip link lists them)",
                        Errno.ENODEV);
            }
            return nic;
        } catch (SocketException e) {
            throw KernelSocketException.withMessage("cannot look up the network interface " + name + ": " + e.getMessage(),
                    Errno.ENODEV);
        }
    }

    private static boolean isLoopback(NetworkInterface nic) {
        try {
            return nic.isLoopback();
        } catch (SocketException e) {
            return false; // then the outgoing copies arrive too, marked as such
        }
    }

    /** The interface's name. */
    public String interfaceName() {
        return interfaceName;
    }

    /** The interface's index. */
    public int interfaceIndex() {
        return interfaceIndex;
    }

    /** How long {@link #next()} waits before returning null; zero waits for ever. */
    public void setReceiveTimeout(Duration timeout) {
        Sockets.setReceiveTimeout(fd(), timeout);
    }

    /** Waits for the next packet the filter kept; null when the receive timeout passed first. */
    public synchronized CapturedPacket next() {
        int fd = fd();
        message.set(ValueLayout.JAVA_INT, MSG_NAMELEN, Sockets.SOCKADDR_LL_SIZE);
        message.set(ValueLayout.JAVA_LONG, MSG_CONTROLLEN, CONTROL);
        message.set(ValueLayout.JAVA_INT, MSG_FLAGS, 0);
        // with MSG_TRUNC a packet socket returns the packet's length even when the buffer was shorter
        long n = Sockets.receiveMessage(fd, message, Sockets.MSG_TRUNC, state);
        if (n < 0) {
            return null;
        }
        int captured = (int) Math.min(n, BUFFER);
        long wireLength = n;
        Instant time = null;
        long controlLength = message.get(ValueLayout.JAVA_LONG, MSG_CONTROLLEN);
        for (long at = 0; at + 16 <= controlLength; ) {
            long length = control.get(ValueLayout.JAVA_LONG, at);
            int level = control.get(ValueLayout.JAVA_INT, at + 8);
            int type = control.get(ValueLayout.JAVA_INT, at + 12);
            if (length < 16) {
                break;
            }
            if (level == Sockets.SOL_SOCKET && type == Sockets.SO_TIMESTAMPNS && length >= 32) {
                time = Instant.ofEpochSecond(control.get(ValueLayout.JAVA_LONG, at + 16), control.get(ValueLayout.JAVA_LONG, at + 24));
            } else if (level == Sockets.SOL_PACKET && type == Sockets.PACKET_AUXDATA && length >= 16 + 12) {
                // struct tpacket_auxdata: status, len (before the filter cut it), snaplen, ...
                wireLength = Integer.toUnsignedLong(control.get(ValueLayout.JAVA_INT, at + 16 + 4));
            }
            at += (length + 7) & ~7L;
        }
        packets++;
        int protocol = ((from.get(ValueLayout.JAVA_BYTE, 2) & 0xff) << 8) | (from.get(ValueLayout.JAVA_BYTE, 3) & 0xff);
        boolean outgoing = (from.get(ValueLayout.JAVA_BYTE, 10) & 0xff) == PACKET_OUTGOING;
        return new CapturedPacket(time != null ? time : Instant.now(), (int) Math.min(wireLength, Integer.MAX_VALUE),
                buffer.asSlice(0, captured).toArray(ValueLayout.JAVA_BYTE), from.get(ValueLayout.JAVA_INT, 4), protocol, outgoing);
    }

    /** Packets {@link #next()} has returned. */
    public synchronized long captured() {
        return packets;
    }

    /** The kernel's counts since the capture opened (reading them resets the kernel's, so they are summed here). */
    public synchronized CaptureStatistics statistics() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment stats = a.allocate(8, 4); // struct tpacket_stats: packets, drops
            Sockets.getOption(fd(), Sockets.SOL_PACKET, Sockets.PACKET_STATISTICS, "PACKET_STATISTICS", stats);
            statisticsReceived += Integer.toUnsignedLong(stats.get(ValueLayout.JAVA_INT, 0));
            statisticsDropped += Integer.toUnsignedLong(stats.get(ValueLayout.JAVA_INT, 4));
        }
        return new CaptureStatistics(statisticsReceived, statisticsDropped);
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
        return "PacketCapture[" + interfaceName + (socket.isClosed() ? ", closed" : "") + "]";
    }
}
