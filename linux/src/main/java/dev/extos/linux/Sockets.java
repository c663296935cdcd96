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
 * The BSD socket calls ExtOS needs, through {@code java.lang.foreign} with errno captured: an
 * IPv4 datagram socket, bind, getsockname, setsockopt and recvfrom. Failures are
 * {@link KernelSocketException}s quoting the call and errno.
 */
final class Sockets {
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_ATTACH_BPF = 50;
    static final int SO_DETACH_BPF = 27;
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
    private static final MethodHandle RECVFROM = handle("recvfrom", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS));

    /** {@code struct sockaddr_in}: family, port (big-endian), IPv4 address (big-endian), padding. */
    static final int SOCKADDR_IN_SIZE = 16;

    private Sockets() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LIBC.find(name).map(s -> LINKER.downcallHandle(s, fd, Linker.Option.captureCallState("errno"))).orElse(null);
    }

    /** A new IPv4 UDP socket's descriptor (close-on-exec). */
    static int udpSocket() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) SOCKET.invokeExact(state, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            check("socket(AF_INET, SOCK_DGRAM)", fd, state);
            return fd;
        } catch (KernelSocketException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("socket() downcall failed", t);
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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int r = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, option, value, (int) value.byteSize());
            check("setsockopt(" + name + ")", r, state);
        } catch (KernelSocketException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("setsockopt() downcall failed", t);
        }
    }

    /** setsockopt with an int value. */
    static void setIntOption(int fd, int option, String name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            setOption(fd, option, name, arena.allocateFrom(ValueLayout.JAVA_INT, value));
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
