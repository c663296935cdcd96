package dev.extos.vm;

import dev.extos.verifier.ContextField;
import dev.extos.verifier.ProgramType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Builds the context a verified program of some type expects, for one run over one buffer of
 * packet or record bytes: the declared struct with its pointer fields in their 64-bit host slots
 * ({@link ProgramType#pointerSlot}), data in {@link AddressSpace#DATA_REGION}, empty metadata and
 * the arguments in their regions. Scalar fields start at 0. Hosts with a hot loop (the IO layer)
 * keep their own context and rewrite only what changes per record; this is for single runs
 * ({@code extos run}, tests, the kernel oracle).
 */
public final class HostContext {
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private HostContext() {
    }

    /**
     * Maps {@code data} (writable if the type lets programs write packets) and {@code args} into
     * {@code space}, builds the context of {@code type} and returns its address, the program's r1.
     * For the conformance memory type there is no context: r1 is the data's address.
     */
    public static long prepare(AddressSpace space, ProgramType type, MemorySegment data, MemorySegment args) {
        long dataBase = space.mapData("packet", data, type.packetWritable());
        if (type.isMemory()) {
            return dataBase;
        }
        long metaBase = space.mapMeta(MemorySegment.ofArray(new byte[0]), false);
        long argsBase = space.mapArgs(args);
        MemorySegment context = AddressSpace.allocate(type.hostContextSize());
        for (ContextField f : type.context()) {
            long value = switch (f.kind()) {
                case SCALAR -> 0;
                case PACKET_START -> dataBase;
                case PACKET_END -> dataBase + data.byteSize();
                case PACKET_META -> metaBase;
                case ARGS_START -> argsBase;
                case ARGS_END -> argsBase + args.byteSize();
            };
            if (f.kind() != dev.extos.verifier.FieldKind.SCALAR) {
                context.set(U64, type.pointerSlot(f.name()), value);
            }
        }
        return space.mapContext(context, false);
    }
}
