package dev.extos.linux;

/** The kernel program type of an ELF program section, for the sections ExtOS loads into the kernel. */
public final class KernelProgramTypes {
    private KernelProgramTypes() {
    }

    /**
     * {@code xdp} (or {@code xdp/...}) is BPF_PROG_TYPE_XDP, {@code socket} (or {@code socket/...})
     * BPF_PROG_TYPE_SOCKET_FILTER. {@code extos/*} sections are ExtOS's own hooks, which stock
     * Linux does not have: a {@link KernelObjectException} says so, as it does for other sections.
     */
    public static int forSection(String section) {
        if (section.equals("xdp") || section.startsWith("xdp/")) {
            return Bpf.BPF_PROG_TYPE_XDP;
        }
        if (section.equals("socket") || section.startsWith("socket/")) {
            return Bpf.BPF_PROG_TYPE_SOCKET_FILTER;
        }
        if (section.startsWith("extos/")) {
            throw new KernelObjectException("section " + section + " is an ExtOS hook, which the Linux kernel does not have: "
                    + "run it in the embedded domain or in extosd; the kernel loads SEC(\"xdp\") and SEC(\"socket\") programs");
        }
        throw new KernelObjectException("section " + section + " names no program type ExtOS loads into the kernel "
                + "(known: xdp, socket)");
    }

    /** A readable name for a kernel program type number. */
    public static String name(int type) {
        return KernelTypeNames.program(type);
    }
}
