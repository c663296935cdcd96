package dev.extos.io.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** Delivers to a channel through a staging buffer; a record larger than the buffer is written on its own. */
final class ChannelSink extends Sink {
    private final WritableByteChannel channel;
    private final ByteBuffer staging;
    private final MemorySegment target;
    private long used;
    private long delivered;

    ChannelSink(WritableByteChannel channel, ByteBuffer staging) {
        this.channel = channel;
        this.staging = staging.clear();
        this.target = MemorySegment.ofBuffer(staging);
    }

    @Override
    boolean fits(long size) {
        return true;
    }

    @Override
    boolean fitsAll(long records, long bytes) {
        return true;
    }

    @Override
    boolean isEmpty() {
        return delivered == 0;
    }

    @Override
    void put(Output output, MemorySegment src, long from, long kept, boolean delimited, long size) throws IOException {
        if (used + size > target.byteSize()) {
            flush();
        }
        if (size <= target.byteSize()) {
            used += output.write(target, used, src, from, kept, delimited);
        } else {
            MemorySegment big = MemorySegment.ofArray(new byte[Math.toIntExact(size)]);
            output.write(big, 0, src, from, kept, delimited);
            drain(big.asByteBuffer());
        }
        delivered++;
    }

    @Override
    boolean takesRuns() {
        return true;
    }

    @Override
    void putBytes(MemorySegment src, long from, long size) throws IOException {
        if (used + size > target.byteSize()) {
            flush();
        }
        if (size <= target.byteSize()) {
            MemorySegment.copy(src, from, target, used, size);
            used += size;
        } else {
            drain(src.asSlice(from, size).asByteBuffer());
        }
        delivered++;
    }

    private void flush() throws IOException {
        drain(staging.clear().limit((int) used));
        used = 0;
    }

    private void drain(ByteBuffer b) throws IOException {
        try {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            throw new TargetFailed(e);
        }
    }

    /** The target channel refused bytes; the cause is its own exception. */
    static final class TargetFailed extends IOException {
        TargetFailed(IOException cause) {
            super(cause);
        }
    }

    @Override
    void finish() throws IOException {
        flush();
    }
}
