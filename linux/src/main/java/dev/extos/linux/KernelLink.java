package dev.extos.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * A program attached to a kernel hook through a BPF link ({@code BPF_LINK_CREATE}): today XDP on
 * one network interface, where the program sees every received packet before the kernel's
 * network stack and may drop it. The attachment lasts while an fd or a pin holds the link:
 * {@link #close()} detaches it unless the link was pinned ({@link BpfFs#pin}).
 */
public final class KernelLink implements KernelHandle {
    /** {@code enum bpf_attach_type}: BPF_XDP. */
    static final int ATTACH_XDP = 37;
    /** {@code enum bpf_link_type}: BPF_LINK_TYPE_XDP. */
    static final int LINK_TYPE_XDP = 6;

    /** Where on the interface's receive path an XDP program runs. */
    public enum XdpMode {
        /** In the kernel's generic receive path, after the socket buffer is built: works on every interface, loopback included. */
        GENERIC(1 << 1),
        /** In the driver, before any allocation: the fast one, for drivers that support it. */
        NATIVE(1 << 2);

        final int flag;

        XdpMode(int flag) {
            this.flag = flag;
        }
    }

    /** What the kernel says of a link: its kind, id, program and (for XDP) interface. */
    public record Info(int type, int id, int programId, int interfaceIndex) {
        /** "xdp" or the link type's number. */
        public String typeName() {
            return type == LINK_TYPE_XDP ? "xdp" : "link type " + type;
        }
    }

    private final FileDescriptor fd;

    private KernelLink(int fd) {
        this.fd = new FileDescriptor(fd, "BPF link");
    }

    /** Adopts an fd that refers to a link (e.g. from a pin). */
    static KernelLink adopt(int fd) {
        return new KernelLink(fd);
    }

    /**
     * Attaches the XDP {@code program} to the interface {@code interfaceName} in {@code mode}.
     * Fails with a message saying why when the interface does not exist, already has an XDP
     * program, or its driver cannot run XDP natively.
     */
    public static KernelLink attachXdp(LoadedProgram program, String interfaceName, XdpMode mode)
            throws KernelRejectedException {
        if (program.type() != Bpf.BPF_PROG_TYPE_XDP) {
            throw new KernelObjectException("only an XDP program attaches to an interface's receive path; this one has type "
                    + KernelTypeNames.program(program.type()));
        }
        int ifindex = interfaceIndex(interfaceName);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = Bpf.attr(arena);
            attr.set(ValueLayout.JAVA_INT, 0, program.fd());   // link_create.prog_fd
            attr.set(ValueLayout.JAVA_INT, 4, ifindex);        // link_create.target_ifindex
            attr.set(ValueLayout.JAVA_INT, 8, ATTACH_XDP);     // link_create.attach_type
            attr.set(ValueLayout.JAVA_INT, 12, mode.flag);     // link_create.flags (XDP_FLAGS_*)
            long r = Bpf.invoke(Bpf.BPF_LINK_CREATE, attr);
            if (r < 0) {
                int errno = (int) -r;
                String why = switch (errno) {
                    case Errno.EBUSY, Errno.EEXIST -> interfaceName + " already has an XDP program attached (ip link show "
                            + interfaceName + " shows it); detach that one first";
                    case Errno.EOPNOTSUPP -> "the driver of " + interfaceName + " cannot run XDP in " + mode.name().toLowerCase(java.util.Locale.ROOT)
                            + " mode; generic mode works on every interface";
                    default -> "bpf(BPF_LINK_CREATE) failed with " + Errno.name(errno);
                };
                throw new KernelObjectException("cannot attach the XDP program to " + interfaceName + ": " + why);
            }
            return new KernelLink((int) r);
        }
    }

    private static int interfaceIndex(String name) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic == null) {
                throw new KernelObjectException("no network interface named '" + name + "' (ip link lists them)");
            }
            return nic.getIndex();
        } catch (SocketException e) {
            throw new KernelObjectException("cannot look up the network interface '" + name + "': " + e.getMessage());
        }
    }

    /** The kernel's description of the link. */
    public Info info() throws KernelRejectedException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(64, 8);  // struct bpf_link_info: type, id, prog_id, then the per-type union
            MemorySegment attr = Bpf.attr(arena);
            attr.set(ValueLayout.JAVA_INT, 0, fd.get());
            attr.set(ValueLayout.JAVA_INT, 4, (int) info.byteSize());
            attr.set(ValueLayout.JAVA_LONG, 8, info.address());
            Bpf.command(Bpf.BPF_OBJ_GET_INFO_BY_FD, attr);
            int type = info.get(ValueLayout.JAVA_INT, 0);
            return new Info(type, info.get(ValueLayout.JAVA_INT, 4), info.get(ValueLayout.JAVA_INT, 8),
                    type == LINK_TYPE_XDP ? info.get(ValueLayout.JAVA_INT, 16) : 0);
        }
    }

    @Override
    public int fd() {
        return fd.get();
    }

    @Override
    public int id() throws KernelRejectedException {
        return info().id();
    }

    /** Releases this fd; the program stays attached only if a pin (or another fd) still holds the link. */
    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "KernelLink[fd " + fd.number() + (fd.isClosed() ? ", closed" : "") + "]";
    }
}
