package dev.extos.io.internal;

import dev.extos.verifier.ProgramType;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.BatchSetup;
import dev.extos.vm.maps.ProgramMaps;
import java.lang.foreign.MemorySegment;

/**
 * The memory one thread's filter runs in: an address space and a context segment, made once and
 * reused for every record. The data window is mapped once per window and the arguments once per
 * call; per record only the context's fields change, so running a filter allocates nothing.
 */
final class ProgramMemory {
    private static final long DATA = AddressSpace.base(AddressSpace.DATA_REGION);
    private static final long ARGS = AddressSpace.base(AddressSpace.ARGS_REGION);

    private final AddressSpace space = new AddressSpace();
    // The context as words: per record the host writes them as plain array stores, the cheapest
    // write Java has; the program reads the same memory through the segment over the array, as
    // little-endian words, which is what the array holds on the little-endian hosts ExtOS runs on.
    private final long[] contextWords;
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
        if (java.nio.ByteOrder.nativeOrder() != java.nio.ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("the embedded domain needs a little-endian host");
        }
        contextWords = new long[(type.hostContextSize() + 7) / 8];
        context = MemorySegment.ofArray(contextWords).asSlice(0, type.hostContextSize());
        contextAddress = space.mapContext(context, false);
        dataSlot = word(type.pointerSlot("data"));
        dataEndSlot = word(type.pointerSlot("data_end"));
        offsetSlot = word(type.fieldOffset("offset"));
        boolean record = type.fieldAt(type.fieldOffset("offset")).size() == 8 && type.contextSize() == 32;
        indexSlot = record ? word(type.fieldOffset("index")) : -1;
        argsSlot = record ? word(type.pointerSlot("args")) : -1;
        argsEndSlot = record ? word(type.pointerSlot("args_end")) : -1;
        args(MemorySegment.NULL);
    }

    /** The index in the context's words of the 64-bit field at byte {@code offset}. */
    private static int word(int offset) {
        if (offset % 8 != 0) {
            throw new IllegalStateException("context field at byte " + offset + " is not 8-byte aligned");
        }
        return offset / 8;
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
                contextWords[argsSlot] = ARGS;
                contextWords[argsEndSlot] = ARGS + bytes.byteSize();
            }
        }
    }

    /** Runs a read or write filter on the record at [start, start + length) of the data; returns r0. */
    long runRecord(EmbeddedFilter filter, long start, long length, long fileOffset, long index) {
        record(start, start + length, fileOffset, index);
        use(filter);
        return filter.executable().run(space, contextAddress);
    }

    /**
     * Runs a read or write filter on records 0..count-1 of {@code frames} in one batch, record k
     * starting (its header included) at {@code firstStart} for k = 0 and at {@code frames.end[k - 1]}
     * after, at file offset {@code fileBase} + that start, numbered {@code firstIndex + k}; r0 of
     * record k goes to {@code verdicts[k]}. When the filter faults, {@link #lastRun} is the record.
     */
    void runRecords(EmbeddedFilter filter, Frames frames, int count, long firstStart, long fileBase, long firstIndex,
                    long[] verdicts) {
        batchFrames = frames;
        batchFirstStart = firstStart;
        batchFileBase = fileBase;
        batchFirstIndex = firstIndex;
        lastRun = -1;
        use(filter);
        filter.executable().runBatch(space, contextAddress, count, setup, verdicts);
    }

    /** In a batch, the record whose run started last (the one that faulted, if the batch failed). */
    int lastRun() {
        return lastRun;
    }

    // The batch being run: the host's side of Executable.runBatch writes record k's context.
    private Frames batchFrames;
    private long batchFirstStart;
    private long batchFileBase;
    private long batchFirstIndex;
    private int lastRun;
    private final BatchSetup setup = this::prepare;

    private void prepare(int k) {
        Frames f = batchFrames;
        long start = f.payload[k];
        record(start, start + f.length[k], batchFileBase + (k == 0 ? batchFirstStart : f.end[k - 1]), batchFirstIndex + k);
        lastRun = k;
    }

    /** Makes the context describe the record at [start, end) of the data, at file offset {@code fileOffset}, number {@code index}. */
    private void record(long start, long end, long fileOffset, long index) {
        contextWords[dataSlot] = DATA + start;
        contextWords[dataEndSlot] = DATA + end;
        contextWords[offsetSlot] = fileOffset;
        contextWords[indexSlot] = index;
        space.dataEnd(DATA + end);
    }

    /** Runs a framer on the bytes [start, limit) of the data; returns r0. */
    long runFrame(EmbeddedFilter framer, long start, long limit, long fileOffset) {
        contextWords[dataSlot] = DATA + start;
        contextWords[dataEndSlot] = DATA + limit;
        contextWords[offsetSlot] = fileOffset;
        space.dataEnd(DATA + limit);
        use(framer);
        return framer.executable().run(space, contextAddress);
    }
}
