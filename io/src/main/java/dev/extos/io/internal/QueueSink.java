package dev.extos.io.internal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/** Collects up to a batch of kept records, each copied into its own buffer, for a stream. */
final class QueueSink extends Sink {
    private final ArrayDeque<ByteBuffer> queue;
    private final int batch;

    QueueSink(ArrayDeque<ByteBuffer> queue, int batch) {
        this.queue = queue;
        this.batch = batch;
    }

    @Override
    boolean fits(long size) {
        return queue.size() < batch && size <= Integer.MAX_VALUE - 8;
    }

    @Override
    boolean fitsAll(long records, long bytes) {
        return queue.size() + records <= batch;
    }

    @Override
    boolean isEmpty() {
        return queue.isEmpty();
    }

    @Override
    void put(Output output, MemorySegment src, long from, long kept, boolean delimited, long size) {
        byte[] record = new byte[(int) size];
        output.write(MemorySegment.ofArray(record), 0, src, from, kept, delimited);
        queue.add(ByteBuffer.wrap(record).asReadOnlyBuffer());
    }

    @Override
    boolean takesRuns() {
        return false;
    }

    @Override
    void putBytes(MemorySegment src, long from, long size) {
        throw new UnsupportedOperationException("a record stream takes one buffer per record");
    }

    @Override
    void finish() {
    }
}
