package dev.extos.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The BSD socket calls ExtOS needs, through {@code java.lang.foreign} with errno captured: IPv4
 * datagram and AF_PACKET sockets, bind, getsockname, setsockopt, getsockopt, recvfrom and
 * recvmsg. Failures are {@link KernelSocketException}s quoting the call and errno.
 */
final class Sockets {
    static final int AF_INET = 2;
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_ATTACH_BPF = 50;
    static final int SO_DETACH_BPF = 27;
    static final int SO_TIMESTAMPNS = 35;
    static final int SOL_PACKET = 263;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_AUXDATA = 8;
    static final int PACKET_IGNORE_OUTGOING = 23;
    /** Every protocol, for AF_PACKET; in network byte order where the kernel wants it. */
    static final int ETH_P_ALL = 0x0003;
    static final int MSG_TRUNC = 0x20;
    static final int EAGAIN = 11;
    static final int EINTR = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle GETSOCKNAME = handle("getsockname", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle SETSOCKOPT = handle("setsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle GETSOCKOPT = handle("getsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle RECVMSG = handle("recvmsg", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle RECVFROM = handle("recvfrom", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS));

    /** {@code struct sockaddr_in}: family, port (big-endian), IPv4 address (big-endian), padding. */
    static final int SOCKADDR_IN_SIZE = 16;
    /**
     * {@code struct sockaddr_ll}: family (2), protocol (2, big-endian), ifindex (4), hatype (2),
     * pkttype (1), halen (1), address (8).
     */
    static final int SOCKADDR_LL_SIZE = 20;

    private Sockets() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LIBC.find(name).map(s -> LINKER.downcallHandle(s, fd, Linker.Option.captureCallState("errno"))).orElse(null);
    }

    /** A new IPv4 UDP socket's descriptor (close-on-exec). */
    static int udpSocket() {
        return socket(AF_INET, SOCK_DGRAM, 0, "socket(AF_INET, SOCK_DGRAM)");
    }

    /**
     * A new raw AF_PACKET socket's descriptor (close-on-exec) with protocol 0, so that it receives
     * nothing until {@link #bindPacket} names the protocol and interface: a filter attached in
     * between sees every packet. Needs CAP_NET_RAW.
     */
    static int packetSocket() {
        return socket(AF_PACKET, SOCK_RAW, 0, "socket(AF_PACKET, SOCK_RAW)");
    }

    private static int socket(int domain, int type, int protocol, String call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) SOCKET.invokeExact(state, domain, type | SOCK_CLOEXEC, protocol);
            check(call, fd, state);
            return fd;
        } catch (KernelSocketException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("socket() downcall failed", t);
        }
    }

    /** Binds the AF_PACKET socket {@code fd} to the interface {@code ifindex}, receiving {@code protocol} (host order). */
    static void bindPacket(int fd, int ifindex, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(SOCKADDR_LL_SIZE, 4);
            sa.set(ValueLayout.JAVA_SHORT, 0, (short) AF_PACKET);
            sa.set(ValueLayout.JAVA_BYTE, 2, (byte) (protocol >>> 8));
            sa.set(ValueLayout.JAVA_BYTE, 3, (byte) protocol);
            sa.set(ValueLayout.JAVA_INT, 4, ifindex);
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) BIND.invokeExact(state, fd, sa, SOCKADDR_LL_SIZE);
            check("bind(AF_PACKET, ifindex " + ifindex + ")", r, state);
        } catch (KernelSocketException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("bind() downcall failed", t);
        }
    }

    /** Binds {@code fd} to the IPv4 {@code address} (port 0: the kernel picks one). */
    static void bind(int fd, InetSocketAddress address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = sockaddr(arena, address);
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) BIND.invokeExact(state, fd, sa, SOCKADDR_IN_SIZE);
            check("bind(" + address + ")", r, state);
        } catch (KernelSocketException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("bind() downcall failed", t);
        }
    }

    /** The address {@code fd} is bound to. */
    static InetSocketAddress localAddress(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(SOCKADDR_IN_SIZE, 4);
            MemorySegment len = arena.allocateFrom(ValueLayout.JAVA_INT, SOCKADDR_IN_SIZE);
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) GETSOCKNAME.invokeExact(state, fd, sa, len);
            check("getsockname", r, state);
            return address(sa);
        } catch (KernelSocketException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("getsockname() downcall failed", t);
        }
    }

    /** setsockopt(fd, SOL_SOCKET, option, value). */
    static void setOption(int fd, int option, String name, MemorySegment value) {
        setOption(fd, SOL_SOCKET, option, name, value);
    }

    /** setsockopt(fd, level, option, value). */
    static void setOption(int fd, int level, int option, String name, MemorySegment value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) SETSOCKOPT.invokeExact(state, fd, level, option, value, (int) value.byteSize());
            check("setsockopt(" + name + ")", r, state);
        } catch (KernelSocketException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("setsockopt() downcall failed", t);
        }
    }

    /** setsockopt with an int value. */
    static void setIntOption(int fd, int option, String name, int value) {
        setIntOption(fd, SOL_SOCKET, option, name, value);
    }

    /** setsockopt at {@code level} with an int value. */
    static void setIntOption(int fd, int level, int option, String name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            setOption(fd, level, option, name, arena.allocateFrom(ValueLayout.JAVA_INT, value));
        }
    }

    /** Attaches the socket-filter program {@code filter} to {@code fd} ({@code SO_ATTACH_BPF}). */
    static void attachFilter(int fd, LoadedProgram filter) {
        if (filter.type() != Bpf.BPF_PROG_TYPE_SOCKET_FILTER) {
            throw new IllegalArgumentException("a socket filter program is needed (SEC(\"socket\")), not a "
                    + KernelProgramTypes.name(filter.type()) + " program");
        }
        setIntOption(fd, SO_ATTACH_BPF, "SO_ATTACH_BPF", filter.fd());
    }

    /** How long a receive on {@code fd} waits before failing with EAGAIN; zero waits for ever. */
    static void setReceiveTimeout(int fd, java.time.Duration timeout) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment tv = a.allocate(16, 8); // struct timeval
            tv.set(ValueLayout.JAVA_LONG, 0, timeout.toSeconds());
            tv.set(ValueLayout.JAVA_LONG, 8, timeout.toNanosPart() / 1000);
            setOption(fd, SO_RCVTIMEO, "SO_RCVTIMEO", tv);
        }
    }

    /** getsockopt(fd, level, option) into {@code value}; returns the length the kernel wrote. */
    static int getOption(int fd, int level, int option, String name, MemorySegment value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment len = arena.allocateFrom(ValueLayout.JAVA_INT, (int) value.byteSize());
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) GETSOCKOPT.invokeExact(state, fd, level, option, value, len);
            check("getsockopt(" + name + ")", r, state);
            return len.get(ValueLayout.JAVA_INT, 0);
        } catch (KernelSocketException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("getsockopt() downcall failed", t);
        }
    }

    /**
     * recvmsg with the {@code struct msghdr} {@code message} (whose lengths the caller resets
     * before each call): the value recvmsg returned, or -1 when the receive timeout passed first.
     * Interrupted calls are retried.
     */
    static long receiveMessage(int fd, MemorySegment message, int flags, MemorySegment state) {
        while (true) {
            long n;
            try {
                n = (long) RECVMSG.invokeExact(state, fd, message, flags);
            } catch (Throwable t) {
                throw new IllegalStateException("recvmsg() downcall failed", t);
            }
            if (n >= 0) {
                return n;
            }
            int errno = (int) ERRNO.get(state, 0L);
            if (errno == EAGAIN) {
                return -1;
            }
            if (errno != EINTR) {
                throw new KernelSocketException("recvmsg", errno);
            }
        }
    }

    /**
     * recvfrom into {@code buffer} (native memory), the sender written to {@code from}: the
     * datagram's length, or -1 when the receive timeout passed first. Interrupted calls are retried.
     */
    static long receive(int fd, MemorySegment buffer, MemorySegment from, MemorySegment fromLen, MemorySegment state) {
        while (true) {
            fromLen.set(ValueLayout.JAVA_INT, 0, SOCKADDR_IN_SIZE);
            long n;
            try {
                n = (long) RECVFROM.invokeExact(state, fd, buffer, buffer.byteSize(), 0, from, fromLen);
            } catch (Throwable t) {
                throw new IllegalStateException("recvfrom() downcall failed", t);
            }
            if (n >= 0) {
                return n;
            }
            int errno = (int) ERRNO.get(state, 0L);
            if (errno == EAGAIN) {
                return -1;
            }
            if (errno != EINTR) {
                throw new KernelSocketException("recvfrom", errno);
            }
        }
    }

    /** A call-state segment for {@link #receive}. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static MemorySegment sockaddr(Arena arena, InetSocketAddress address) {
        if (!(address.getAddress() instanceof Inet4Address v4)) {
            throw new IllegalArgumentException("an IPv4 address is needed, not " + address);
        }
        MemorySegment sa = arena.allocate(SOCKADDR_IN_SIZE, 4);
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
        sa.set(ValueLayout.JAVA_BYTE, 2, (byte) (address.getPort() >>> 8));
        sa.set(ValueLayout.JAVA_BYTE, 3, (byte) address.getPort());
        MemorySegment.copy(v4.getAddress(), 0, sa, ValueLayout.JAVA_BYTE, 4, 4);
        return sa;
    }

    static InetSocketAddress address(MemorySegment sa) {
        int port = ((sa.get(ValueLayout.JAVA_BYTE, 2) & 0xff) << 8) | (sa.get(ValueLayout.JAVA_BYTE, 3) & 0xff);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(sa.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE)), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private static void check(String call, int r, MemorySegment state) {
        if (r < 0) {
            throw new KernelSocketException(call, (int) ERRNO.get(state, 0L));
        }
    }
}
