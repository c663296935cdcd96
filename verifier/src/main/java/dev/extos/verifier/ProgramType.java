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
        return new ProgramType("memory", List.of(), 0, size, true, HelperCatalog.all(), ReturnRange.ANY);
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
                24, -1, true, HelperCatalog.all(), ReturnRange.ANY_U32);
    }

    /** The context of the ExtOS read and write filters ({@code struct extos_record_md} in extos.h), 32 bytes. */
    private static List<ContextField> recordContext() {
        return List.of(
                ContextField.readOnly("data", 0, 4, FieldKind.PACKET_START),
                ContextField.readOnly("data_end", 4, 4, FieldKind.PACKET_END),
                ContextField.readOnly("args", 8, 4, FieldKind.ARGS_START),
                ContextField.readOnly("args_end", 12, 4, FieldKind.ARGS_END),
                ContextField.readOnly("offset", 16, 8, FieldKind.SCALAR),
                ContextField.readOnly("index", 24, 8, FieldKind.SCALAR));
    }

    /**
     * {@code SEC("extos/read")}: runs once per record; returns 0 to drop it, n to keep its first n
     * bytes, anything at least its length (EXTOS_KEEP = 0xffffffff) to keep all of it. The record is read-only.
     */
    public static ProgramType extosRead() {
        return new ProgramType("extos/read", recordContext(), 32, -1, false, HelperCatalog.all(), ReturnRange.ANY_U32);
    }

    /** {@code SEC("extos/write")}: the read filter's context and convention on the write path; 0 rejects the write. */
    public static ProgramType extosWrite() {
        return new ProgramType("extos/write", recordContext(), 32, -1, false, HelperCatalog.all(), ReturnRange.ANY_U32);
    }

    /**
     * {@code SEC("extos/frame")}: context {@code struct extos_frame_md} (data, data_end: the bytes
     * available; offset: their position in the file); returns the next record's length (> 0), 0 for
     * "need more bytes", a negative value for a framing error.
     */
    public static ProgramType extosFrame() {
        return new ProgramType("extos/frame", List.of(
                ContextField.readOnly("data", 0, 4, FieldKind.PACKET_START),
                ContextField.readOnly("data_end", 4, 4, FieldKind.PACKET_END),
                ContextField.readOnly("offset", 8, 8, FieldKind.SCALAR)),
                16, -1, false, HelperCatalog.all(), ReturnRange.ANY);
    }

    /** Section names (libbpf's {@code SEC()}) ExtOS knows, each naming its program type. */
    public static List<String> sectionNames() {
        return List.of("xdp", "extos/read", "extos/write", "extos/frame");
    }

    /**
     * The program type of an ELF program section: {@code xdp} (or {@code xdp/...}), {@code extos/read},
     * {@code extos/write}, {@code extos/frame}. Throws with the known names when there is none.
     */
    public static ProgramType forSection(String section) {
        if (section.equals("xdp") || section.startsWith("xdp/")) {
            return xdp();
        }
        return switch (section) {
            case "extos/read" -> extosRead();
            case "extos/write" -> extosWrite();
            case "extos/frame" -> extosFrame();
            default -> throw new IllegalArgumentException("section '" + section + "' names no program type ExtOS knows (known: "
                    + String.join(", ", sectionNames()) + ")");
        };
    }

    /**
     * Bytes of the context as the host lays it out: the declared struct, then one 64-bit slot per
     * pointer field, because an address in the program's memory (region << 32 | offset) does not
     * fit a 32-bit field. The verifier lowers each load of a pointer field to a load of its slot.
     */
    public int hostContextSize() {
        return contextSize + 8 * (int) context.stream().filter(f -> f.kind() != FieldKind.SCALAR).count();
    }

    /** The offset, in the host's context, of the 64-bit slot holding pointer field {@code name}. */
    public int pointerSlot(String name) {
        int slot = contextSize;
        for (ContextField f : context) {
            if (f.kind() != FieldKind.SCALAR) {
                if (f.name().equals(name)) {
                    return slot;
                }
                slot += 8;
            }
        }
        throw new IllegalArgumentException(this.name + " has no pointer field '" + name + "'");
    }

    /** The offset of field {@code name} in the declared struct. */
    public int fieldOffset(String name) {
        for (ContextField f : context) {
            if (f.name().equals(name)) {
                return f.offset();
            }
        }
        throw new IllegalArgumentException(this.name + " has no field '" + name + "'");
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
