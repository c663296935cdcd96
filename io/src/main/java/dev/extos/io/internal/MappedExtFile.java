package dev.extos.io.internal;

import dev.extos.io.ExtFile;
import dev.extos.io.FileTruncatedException;
import dev.extos.io.Framing;
import dev.extos.io.FramingException;
import dev.extos.io.Hook;
import dev.extos.io.IoException;
import dev.extos.io.IoStats;
import dev.extos.io.LoadedFilter;
import dev.extos.io.ProgramFaultException;
import dev.extos.io.RecordRejectedException;
import dev.extos.io.RecordTooLargeException;
import dev.extos.io.WriteFailedException;
import dev.extos.isa.ExtosException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An {@link ExtFile} of the embedded domain. The file is mapped in windows of up to the domain's
 * window size; a window is mapped once as the program's data region and each record's
 * {@code data}/{@code data_end} point into it, so per record nothing is mapped, copied or
 * allocated except the kept bytes' copy to the destination.
 */
final class MappedExtFile implements ExtFile {
    private static final int STAGING = 1 << 20;
    private static final int STREAM_BATCH = 256;
    // A call frames few records at first and more as it goes, so a small read does not frame far past what it returns.
    private static final int FIRST_FRAMES = 8;

    private final EmbeddedDomain domain;
    private final Path path;
    private final Framing framing;
    private final Framer framer;
    private final Output output;
    private final long windowSize;
    private final FileChannel channel;
    private final ProgramMemory memory = new ProgramMemory(Hook.READ.programType());
    private final Frames frames = new Frames();
    private final long[] verdicts = new long[Frames.CAPACITY];
    private final KeptRun run = new KeptRun();
    // Time in the filter during the current call, and a fault of a run ahead, thrown once the records before it are delivered.
    private long programNanos;
    private IoException aheadFault;

    private Arena arena;
    private MemorySegment window;
    private long windowStart;
    private long windowEnd;

    private long position;
    private long index;
    private long endPosition;
    private long endIndex;

    // The verdict on a kept record that did not fit, so the filter does not run on it twice.
    private boolean hasPending;
    private long pendingOffset;
    private long pendingLength;
    private EmbeddedFilter pendingFilter;
    private long pendingKept;

    private ByteBuffer staging;
    private MemorySegment writeStage = MemorySegment.ofArray(new byte[0]);

    MappedExtFile(EmbeddedDomain domain, Path path, Framing framing, long windowSize, OpenOption... options) throws IOException {
        this.domain = domain;
        this.path = path;
        this.framing = framing;
        this.windowSize = windowSize;
        this.output = Output.of(framing);
        this.framer = switch (framing) {
            case Framing.Lines l -> new Framers.Lines();
            case Framing.Fixed f -> new Framers.Fixed(f.size());
            case Framing.LengthPrefixed p -> new Framers.LengthPrefixed(p.width(), p.order());
            case Framing.Program p -> new Framers.Program(domain.check(p.framer(), Hook.FRAME));
        };
        Set<OpenOption> opts = new HashSet<>(List.of(options));
        opts.add(StandardOpenOption.READ);
        this.channel = FileChannel.open(path, opts);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public Framing framing() {
        return framing;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        index = 0;
    }

    @Override
    public IoStats read(ByteBuffer dst, LoadedFilter filter, ByteBuffer args) throws IOException {
        try {
            return pump(position, index, new BufferSink(dst), domain.check(filter, Hook.READ), args);
        } finally {
            position = endPosition;
            index = endIndex;
        }
    }

    @Override
    public IoStats read(long from, ByteBuffer dst, LoadedFilter filter, ByteBuffer args) throws IOException {
        if (from < 0) {
            throw new IllegalArgumentException("negative position " + from);
        }
        return pump(from, 0, new BufferSink(dst), domain.check(filter, Hook.READ), args);
    }

    @Override
    public IoStats transfer(WritableByteChannel target, LoadedFilter filter, ByteBuffer args) throws IOException {
        if (staging == null) {
            staging = ByteBuffer.allocateDirect(STAGING);
        }
        long startPosition = position;
        long startIndex = index;
        try {
            return pump(position, index, new ChannelSink(target, staging), domain.check(filter, Hook.READ), args);
        } catch (ChannelSink.TargetFailed e) {
            // What reached the target cannot be told record by record: the call is undone on our side.
            endPosition = startPosition;
            endIndex = startIndex;
            hasPending = false;
            throw new WriteFailedException("transfer from " + path + " failed: the target refused bytes ("
                    + e.getCause().getMessage() + "); the file position is back at byte " + startPosition
                    + ", where this call started, and the target may hold part of its output", startPosition, e.getCause());
        } finally {
            position = endPosition;
            index = endIndex;
        }
    }

    @Override
    public Stream<ByteBuffer> records(LoadedFilter filter, ByteBuffer args) {
        EmbeddedFilter f = domain.check(filter, Hook.READ);
        ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
        Spliterator<ByteBuffer> records = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            private boolean done;

            @Override
            public boolean tryAdvance(Consumer<? super ByteBuffer> action) {
                while (queue.isEmpty() && !done) {
                    try {
                        done = pump(position, index, new QueueSink(queue, STREAM_BATCH), f, args).endOfFile();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } finally {
                        position = endPosition;
                        index = endIndex;
                    }
                }
                if (queue.isEmpty()) {
                    return false;
                }
                action.accept(queue.poll());
                return true;
            }
        };
        return StreamSupport.stream(records, false);
    }

    /** Frames and filters records from {@code from} into {@code sink}; leaves where it stopped in endPosition/endIndex. */
    private IoStats pump(long from, long startIndex, Sink sink, EmbeddedFilter filter, ByteBuffer args) throws IOException {
        long start = System.nanoTime();
        long fileSize = channel.size();
        if (window != null && windowEnd > fileSize) {
            unmap();
        }
        if (window != null) {
            memory.data(window);  // a write in between maps its own buffer as the data
        }
        memory.args(args == null ? MemorySegment.NULL : MemorySegment.ofBuffer(args).asReadOnly());
        long pos = from;
        long idx = startIndex;
        long seen = 0;
        long kept = 0;
        long out = 0;
        programNanos = 0;
        aheadFault = null;
        boolean eof = false;
        endPosition = pos;
        endIndex = idx;
        int batch = FIRST_FRAMES;
        try {
            framing:
            while (true) {
                if (pos >= fileSize) {
                    eof = true;
                    break;
                }
                if (window == null || pos < windowStart || pos >= windowEnd) {
                    map(pos, fileSize);
                }
                long at = pos - windowStart;
                long limit = windowEnd - windowStart;
                boolean atEof = windowEnd == fileSize;
                int n = framer.frame(window, at, limit, atEof, pos, frames, batch);
                if (n == 0) {
                    if (!atEof && at > 0) {
                        map(pos, fileSize);  // the record crosses the window's end: slide the window to it
                        continue;
                    }
                    throw atEof
                            ? new FramingException(path + ": the last record, at byte " + pos + ", is cut short by the end"
                            + " of the file (" + (fileSize - pos) + " bytes left)", pos, true, null)
                            : new FramingException(path + ": the record at byte " + pos + " is larger than the "
                            + windowSize + "-byte mapping window", pos, false, null);
                }
                batch = Math.min(2 * batch, Frames.CAPACITY);
                int ahead = 0;
                if (filter != null && !resumesPending(pos, filter)) {
                    ahead = runAhead(filter, n, at, idx, sink);
                    seen += ahead;
                }
                for (int k = 0; k < n; k++) {
                    if (k < ahead && (int) verdicts[k] == 0) {
                        // Most records are dropped: step over a run of them at once.
                        int next = k + 1;
                        while (next < ahead && (int) verdicts[next] == 0) {
                            next++;
                        }
                        pos = windowStart + frames.end[next - 1];
                        idx += next - k;
                        k = next - 1;
                        continue;
                    }
                    if (k == ahead && aheadFault != null) {
                        // The records before the one that faulted are delivered; the call ends at it.
                        IoException fault = aheadFault;
                        aheadFault = null;
                        run.handTo(sink, window);
                        throw fault;
                    }
                    long length = frames.length[k];
                    long keep;
                    if (k < ahead) {
                        keep = Math.min(verdicts[k] & 0xffffffffL, length);
                    } else if (hasPending && pendingOffset == pos && pendingFilter == filter && pendingLength == length) {
                        keep = pendingKept;
                        hasPending = false;
                    } else if (filter == null) {
                        keep = length;
                        seen++;
                    } else {
                        run.handTo(sink, window);  // so a fault leaves the records before it delivered
                        keep = Math.min(runOne(filter, k, pos, idx) & 0xffffffffL, length);
                        seen++;
                    }
                    if (keep > 0) {
                        boolean delimited = frames.delimited[k];
                        long size = output.size(keep, delimited);
                        if (!sink.fits(run.bytes() + size)) {
                            hasPending = true;
                            pendingOffset = pos;
                            pendingLength = length;
                            pendingFilter = filter;
                            pendingKept = keep;
                            if (sink.isEmpty() && run.isEmpty()) {
                                throw new RecordTooLargeException(path + ": record " + idx + " at byte " + pos + " is "
                                        + size + " bytes as delivered, more than the " + "whole buffer holds", pos, size);
                            }
                            run.handTo(sink, window);
                            break framing;
                        }
                        long recordStart = pos - windowStart;
                        if (keep == length && sink.takesRuns()) {
                            // Delivered as it lies in the file: join it to the run of such records before it.
                            if (!run.continuesAt(recordStart)) {
                                run.handTo(sink, window);
                            }
                            run.add(recordStart, frames.end[k], pos, idx);
                        } else {
                            run.handTo(sink, window);
                            sink.put(output, window, frames.payload[k], keep, delimited, size);
                        }
                        kept++;
                        out += size;
                    }
                    pos = windowStart + frames.end[k];
                    idx++;
                }
                run.handTo(sink, window);
            }
        } catch (InternalError e) {
            // A mapped page vanished: the file was truncated under us. A run not handed over is not delivered.
            throw truncated(run.isEmpty() ? pos : run.firstPosition(), e);
        } catch (IndexOutOfBoundsException e) {
            if (channel.size() < fileSize) {
                throw truncated(pos, e);
            }
            throw e;
        } finally {
            if (!run.isEmpty()) {
                // The call failed before handing over this run: its records were not delivered.
                pos = run.firstPosition();
                idx = run.firstIndex();
                run.clear();
            }
            // Wherever the loop stopped (the end, a full sink, an error), pos is the first record not consumed.
            endPosition = pos;
            endIndex = idx;
            sink.finish();
        }
        return new IoStats(seen, kept, pos - from, out, programNanos, System.nanoTime() - start, eof);
    }

    /** Whether the record at {@code pos} has a verdict from {@code filter} kept from the call before. */
    private boolean resumesPending(long pos, EmbeddedFilter filter) {
        return hasPending && pendingOffset == pos && pendingFilter == filter;
    }

    /**
     * Runs the filter on the first records of the batch, as many as the sink takes whatever the
     * verdicts (each record at its largest delivered size), and leaves their r0 in verdicts.
     * A filter may count into maps, so it must never run on a record the call then does not
     * consume: the records past this point run one at a time as the sink fills. Returns how many ran;
     * when the filter faulted on the next one, the error waits in aheadFault.
     */
    private int runAhead(EmbeddedFilter filter, int n, long at, long idx, Sink sink) throws IOException {
        int ahead = 0;
        long worst = 0;
        while (ahead < n) {
            long size = output.size(frames.length[ahead], frames.delimited[ahead]);
            if (!sink.fitsAll(ahead + 1, worst + size)) {
                break;
            }
            worst += size;
            ahead++;
        }
        if (ahead == 0) {
            return 0;
        }
        long t = System.nanoTime();
        try {
            memory.runRecords(filter, frames, ahead, at, windowStart, idx, verdicts);
        } catch (ExtosException e) {
            int k = memory.lastRun();
            IoException fault = fault(filter, idx + k, windowStart + (k == 0 ? at : frames.end[k - 1]), e);
            if (fault instanceof FileTruncatedException) {
                throw fault;
            }
            aheadFault = fault;
            return k;
        } finally {
            programNanos += System.nanoTime() - t;
        }
        return ahead;
    }

    /** Runs the filter on record k of the batch, which starts at file offset {@code pos}; returns r0. */
    private long runOne(EmbeddedFilter filter, int k, long pos, long idx) throws IOException {
        long t = System.nanoTime();
        try {
            return memory.runRecord(filter, frames.payload[k], frames.length[k], pos, idx);
        } catch (ExtosException e) {
            throw fault(filter, idx, pos, e);
        } finally {
            programNanos += System.nanoTime() - t;
        }
    }

    private IoException fault(EmbeddedFilter filter, long idx, long pos, ExtosException e) throws IOException {
        if (channel.size() < windowEnd) {
            return truncated(pos, e);
        }
        return new ProgramFaultException(filter.name() + " faulted on record " + idx + " at byte " + pos + " of " + path
                + ": " + e.getMessage(), idx, pos, e);
    }

    private FileTruncatedException truncated(long pos, Throwable cause) {
        unmap();
        return new FileTruncatedException(path + " was truncated while being read; stopped at byte " + pos
                + ", after the last whole record delivered", pos, cause);
    }

    private void map(long pos, long fileSize) throws IOException {
        unmap();
        mapWindow(pos, fileSize);
        memory.data(window);
    }

    private void mapWindow(long pos, long fileSize) throws IOException {
        long length = Math.min(windowSize, fileSize - pos);
        Arena a = Arena.ofShared();
        try {
            window = channel.map(FileChannel.MapMode.READ_ONLY, pos, length, a);
        } catch (IOException | RuntimeException e) {
            a.close();
            if (channel.size() < pos + length) {
                // Mapping past the end fails (a read-only channel cannot extend the file): it shrank since the call began.
                throw truncated(pos, e);
            }
            throw e;
        }
        arena = a;
        windowStart = pos;
        windowEnd = pos + length;
    }

    private void unmap() {
        if (arena != null) {
            arena.close();
            arena = null;
            window = null;
        }
    }

    @Override
    public IoStats write(ByteBuffer src, LoadedFilter filter, ByteBuffer args) throws IOException {
        long start = System.nanoTime();
        EmbeddedFilter f = domain.check(filter, Hook.WRITE);
        MemorySegment in = MemorySegment.ofBuffer(src).asReadOnly();
        long size = in.byteSize();
        if (writeStage.byteSize() < size) {
            writeStage = MemorySegment.ofArray(new byte[(int) Math.max(size, Math.min(2 * writeStage.byteSize(), Integer.MAX_VALUE - 8))]);
        }
        long fileEnd = channel.size();
        memory.args(args == null ? MemorySegment.NULL : MemorySegment.ofBuffer(args).asReadOnly());
        memory.data(in);
        long at = 0;
        long out = 0;
        long records = 0;
        long programNanos = 0;
        while (at < size) {
            int n = framer.frame(in, at, size, true, fileEnd + out, frames, Frames.CAPACITY);
            if (n == 0) {
                throw new FramingException("write to " + path + ": the last record in the buffer, at byte " + at
                        + ", is incomplete; nothing was written", fileEnd + out, true, null);
            }
            for (int k = 0; k < n; k++) {
                long payload = frames.payload[k];
                long length = frames.length[k];
                long keep = length;
                if (f != null) {
                    long t = System.nanoTime();
                    long r0;
                    try {
                        r0 = memory.runRecord(f, payload, length, fileEnd + out, records);
                    } catch (ExtosException e) {
                        throw new ProgramFaultException(f.name() + " faulted on record " + records + " of a write to " + path
                                + " (bytes " + at + ".." + frames.end[k] + " of the buffer); nothing was written: "
                                + e.getMessage(), records, fileEnd + out, e);
                    }
                    programNanos += System.nanoTime() - t;
                    keep = Math.min(r0 & 0xffffffffL, length);
                    if (keep == 0) {
                        throw new RecordRejectedException(f.name() + " rejected record " + records + " of a write to " + path
                                + " (bytes " + at + ".." + frames.end[k] + " of the buffer); nothing was written",
                                records, fileEnd + out);
                    }
                }
                out += output.write(writeStage, out, in, payload, keep, frames.delimited[k]);
                at = frames.end[k];
                records++;
            }
        }
        ByteBuffer bytes = writeStage.asSlice(0, out).asByteBuffer();
        long p = fileEnd;
        try {
            while (bytes.hasRemaining()) {
                p += channel.write(bytes, p);
            }
        } catch (IOException e) {
            // A torn record must never stay at the end of the file: undo the part that was written.
            try {
                channel.truncate(fileEnd);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw new WriteFailedException("write to " + path + " failed after " + (p - fileEnd) + " of " + out + " bytes ("
                    + e.getMessage() + "); the file is back at its " + fileEnd + " bytes, nothing of this write was kept",
                    fileEnd, e);
        }
        src.position(src.limit());
        return new IoStats(records, records, size, out, programNanos, System.nanoTime() - start, false);
    }

    @Override
    public void close() throws IOException {
        unmap();
        channel.close();
    }
}
