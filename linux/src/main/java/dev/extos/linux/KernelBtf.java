package dev.extos.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Type information (BTF) loaded into the kernel with BPF_BTF_LOAD. Maps and programs created
 * with its fd keep their own reference, so it can be closed as soon as they exist.
 */
final class KernelBtf implements AutoCloseable {
    private static final int LOG_SIZE = 64 << 10;

    private final FileDescriptor fd;

    private KernelBtf(int fd) {
        this.fd = new FileDescriptor(fd, "BTF");
    }

    /** Loads {@code blob} (a {@code .BTF} section as the kernel takes it); a refusal quotes the kernel's BTF log. */
    static KernelBtf load(byte[] blob) throws KernelRejectedException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(Math.max(1, blob.length), 8);
            MemorySegment.copy(blob, 0, data, ValueLayout.JAVA_BYTE, 0, blob.length);
            MemorySegment log = arena.allocate(LOG_SIZE);
            MemorySegment attr = Bpf.attr(arena);
            attr.set(ValueLayout.JAVA_LONG, 0, data.address()); // btf
            attr.set(ValueLayout.JAVA_LONG, 8, log.address());  // btf_log_buf
            attr.set(ValueLayout.JAVA_INT, 16, blob.length);    // btf_size
            attr.set(ValueLayout.JAVA_INT, 20, LOG_SIZE);       // btf_log_size
            attr.set(ValueLayout.JAVA_INT, 24, 1);              // btf_log_level
            long r = Bpf.invoke(Bpf.BPF_BTF_LOAD, attr);
            if (r < 0) {
                throw new KernelRejectedException(Bpf.BPF_BTF_LOAD, (int) -r, log.getString(0, StandardCharsets.UTF_8));
            }
            return new KernelBtf((int) r);
        }
    }

    int fd() {
        return fd.get();
    }

    @Override
    public void close() {
        fd.close();
    }
}
