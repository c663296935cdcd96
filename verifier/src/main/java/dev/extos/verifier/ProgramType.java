package dev.extos.verifier;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A hook as data: its context layout, how r1 and r2 start, whether packet data may be written,
 * which helpers it may call and what it may return. New hooks need only a new declaration.
 *
 * <p>{@code memorySize} >= 0 selects the conformance calling convention instead of a context:
 * r1 points to a read-write buffer of exactly that many bytes and r2 holds that length. The
 * size is part of the type because the conformance harness knows it before the program runs;
 * proving accesses against a length only known at run time is what packet pointers are for.
 */
public record ProgramType(String name, List<ContextField> context, int contextSize, long memorySize,
                          boolean packetWritable, Map<Integer, HelperPrototype> helpers, ReturnRange returnRange) {

    public ProgramType {
        Objects.requireNonNull(name);
        context = List.copyOf(context);
        helpers = Map.copyOf(helpers);
        Objects.requireNonNull(returnRange);
    }

    /** The conformance suite's type: r1 = a buffer of {@code size} bytes, r2 = its length, any return value. */
    public static ProgramType memory(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative memory size " + size);
        }
        return new ProgramType("memory", List.of(), 0, size, true, HelperPrototype.standard(), ReturnRange.ANY);
    }

    /**
     * XDP with the kernel's {@code struct xdp_md} as read-only context and writable packet data.
     * {@code egress_ifindex} (offset 20) is not readable, as in the kernel for XDP programs not
     * attached to a device map.
     */
    public static ProgramType xdp() {
        return new ProgramType("xdp", List.of(
                ContextField.readOnly("data", 0, 4, FieldKind.PACKET_START),
                ContextField.readOnly("data_end", 4, 4, FieldKind.PACKET_END),
                ContextField.readOnly("data_meta", 8, 4, FieldKind.PACKET_META),
                ContextField.readOnly("ingress_ifindex", 12, 4, FieldKind.SCALAR),
                ContextField.readOnly("rx_queue_index", 16, 4, FieldKind.SCALAR)),
                24, -1, true, HelperPrototype.standard(), ReturnRange.ANY_U32);
    }

    /** True for the conformance memory convention. */
    public boolean isMemory() {
        return memorySize >= 0;
    }

    /** The field starting at {@code offset}, or null. */
    public ContextField fieldAt(long offset) {
        for (ContextField f : context) {
            if (f.offset() <= offset && offset < f.offset() + f.size()) {
                return f;
            }
        }
        return null;
    }
}
