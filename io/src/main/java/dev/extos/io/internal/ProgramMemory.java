package dev.extos.io.internal;

import dev.extos.verifier.ProgramType;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.maps.ProgramMaps;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The memory one thread's filter runs in: an address space and a context segment, made once and
 * reused for every record. The data window is mapped once per window and the arguments once per
 * call; per record only the context's fields change, so running a filter allocates nothing.
 */
final class ProgramMemory {
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long DATA = AddressSpace.base(AddressSpace.DATA_REGION);
    private static final long ARGS = AddressSpace.base(AddressSpace.ARGS_REGION);

    private final AddressSpace space = new AddressSpace();
    private final MemorySegment context;
    private final long contextAddress;
    private final int dataSlot;
    private final int dataEndSlot;
    private final int offsetSlot;
    private final int indexSlot;
    private final int argsSlot;
    private final int argsEndSlot;
    private MemorySegment data;
    private MemorySegment args;
    private ProgramMaps installed;

    /** Memory for programs of {@code type} (its host context layout: the struct, then the 64-bit pointer slots). */
    ProgramMemory(ProgramType type) {
        context = AddressSpace.allocate(type.hostContextSize());
        contextAddress = space.mapContext(context, false);
        dataSlot = type.pointerSlot("data");
        dataEndSlot = type.pointerSlot("data_end");
        offsetSlot = type.fieldOffset("offset");
        boolean record = type.fieldAt(type.fieldOffset("offset")).size() == 8 && type.contextSize() == 32;
        indexSlot = record ? type.fieldOffset("index") : -1;
        argsSlot = record ? type.pointerSlot("args") : -1;
        argsEndSlot = record ? type.pointerSlot("args_end") : -1;
        args(MemorySegment.NULL);
    }

    /** Makes {@code filter}'s maps the ones this memory's runs see, unless they already are. */
    private void use(EmbeddedFilter filter) {
        if (filter.programMaps() != installed) {
            filter.programMaps().install(space);
            installed = filter.programMaps();
        }
    }

    /** Maps {@code bytes} (a window of the file, or a write's buffer) as the record data, unless it already is. */
    void data(MemorySegment bytes) {
        if (bytes != data) {
            space.mapData("record data", bytes, false);
            data = bytes;
        }
    }

    /** Maps the call's arguments, read-only. */
    void args(MemorySegment bytes) {
        if (bytes != args) {
            space.mapArgs(bytes);
            args = bytes;
            if (argsSlot >= 0) {
                context.set(U64, argsSlot, ARGS);
                context.set(U64, argsEndSlot, ARGS + bytes.byteSize());
            }
        }
    }

    /** Runs a read or write filter on the record at [start, start + length) of the data; returns r0. */
    long runRecord(EmbeddedFilter filter, long start, long length, long fileOffset, long index) {
        context.set(U64, dataSlot, DATA + start);
        context.set(U64, dataEndSlot, DATA + start + length);
        context.set(U64, offsetSlot, fileOffset);
        context.set(U64, indexSlot, index);
        space.dataEnd(DATA + start + length);
        use(filter);
        return filter.executable().run(space, contextAddress);
    }

    /** Runs a framer on the bytes [start, limit) of the data; returns r0. */
    long runFrame(EmbeddedFilter framer, long start, long limit, long fileOffset) {
        context.set(U64, dataSlot, DATA + start);
        context.set(U64, dataEndSlot, DATA + limit);
        context.set(U64, offsetSlot, fileOffset);
        space.dataEnd(DATA + limit);
        use(framer);
        return framer.executable().run(space, contextAddress);
    }
}
