package dev.extos.io.internal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

/** Delivers into the caller's buffer, from its position to its limit; the position advances past whole records only. */
final class BufferSink extends Sink {
    private final ByteBuffer dst;
    private final MemorySegment target;
    private long used;

    BufferSink(ByteBuffer dst) {
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        this.dst = dst;
        this.target = MemorySegment.ofBuffer(dst);
    }

    @Override
    boolean fits(long size) {
        return used + size <= target.byteSize();
    }

    @Override
    boolean fitsAll(long records, long bytes) {
        return fits(bytes);
    }

    @Override
    boolean isEmpty() {
        return used == 0;
    }

    @Override
    void put(Output output, MemorySegment src, long from, long kept, boolean delimited, long size) {
        used += output.write(target, used, src, from, kept, delimited);
    }

    @Override
    boolean takesRuns() {
        return true;
    }

    @Override
    void putBytes(MemorySegment src, long from, long size) {
        MemorySegment.copy(src, from, target, used, size);
        used += size;
    }

    @Override
    void finish() {
        dst.position(dst.position() + (int) used);
    }
}
