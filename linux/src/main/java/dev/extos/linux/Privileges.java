package dev.extos.linux;

import java.util.Optional;

/** Whether this process may load BPF programs, found by trying: {@code mov r0, 2; exit} as XDP. */
public final class Privileges {
    /** {@code mov r0, 2} and {@code exit}, little-endian. */
    private static final byte[] XDP_PASS = {
        (byte) 0xb7, 0, 0, 0, 2, 0, 0, 0,
        (byte) 0x95, 0, 0, 0, 0, 0, 0, 0,
    };

    private static volatile Optional<String> cached;

    private Privileges() {
    }

    /** True when a trivial XDP program loads. */
    public static boolean bpfAvailable() {
        return whyNot().isEmpty();
    }

    /** Empty when bpf() works; otherwise the reason it does not, for skip messages. */
    public static Optional<String> whyNot() {
        Optional<String> c = cached;
        if (c == null) {
            c = probe();
            cached = c;
        }
        return c;
    }

    private static Optional<String> probe() {
        if (!Bpf.supported()) {
            return Optional.of("bpf() needs Linux on x86-64, this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        try (LoadedProgram p = Bpf.load(Bpf.BPF_PROG_TYPE_XDP, XDP_PASS, "GPL", 0)) {
            return Optional.empty();
        } catch (KernelRejectedException e) {
            String need = e.errno() == Errno.EPERM || e.errno() == Errno.EACCES ? "needs CAP_BPF: " : "";
            return Optional.of(need + "bpf(BPF_PROG_LOAD) failed with " + e.errnoName());
        } catch (RuntimeException e) {
            return Optional.of("bpf() could not be called: " + e);
        }
    }
}
