package dev.extos.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * A file opened in a {@link Domain} with a {@link Framing}: reads, writes and transfers that run
 * a filter on every record where the record lies and move only what the filter keeps. A
 * {@code null} filter keeps every record. {@code args} (may be {@code null}) are passed to the
 * filter read-only, as the context's {@code args..args_end}.
 *
 * <p>Rules every call follows (docs/hooks.md has the details):
 * <ul>
 * <li>Only whole records are delivered, never a torn one. A kept record that does not fit in
 * what is left of the buffer ends the call before it; if it does not fit even in the empty
 * buffer, {@link RecordTooLargeException} says how big a buffer it needs.</li>
 * <li>A call sees the file's size when it starts: bytes appended later are read by later calls;
 * a file truncated under a call ends it with {@link FileTruncatedException}.</li>
 * <li>A failing call ({@link IoException}) keeps what it delivered before the failure and leaves
 * the position just after it.</li>
 * <li>{@code index} in the context counts records from where sequential reading started
 * (0 at offset 0, or at the last {@link #position(long)}); a positional read counts from its own start.</li>
 * </ul>
 * An ExtFile is used by one thread at a time (it holds that thread's program memory); open one per thread.
 */
public interface ExtFile extends AutoCloseable {
    /** The file. */
    Path path();

    /** How the file is split into records. */
    Framing framing();

    /** The file's current size in bytes. */
    long size() throws IOException;

    /** The offset of the next record a sequential read or transfer consumes. */
    long position();

    /** Moves the sequential position to {@code position}, which must be a record boundary; record indexes restart at 0. */
    void position(long position);

    /**
     * Reads from the position: runs {@code filter} on each record and appends the kept ones to
     * {@code dst} until it is full or the file ends, then advances the position past the records consumed.
     */
    IoStats read(ByteBuffer dst, LoadedFilter filter, ByteBuffer args) throws IOException;

    /** Like {@link #read(ByteBuffer, LoadedFilter, ByteBuffer)} from the record at {@code position}, leaving the sequential position alone. */
    IoStats read(long position, ByteBuffer dst, LoadedFilter filter, ByteBuffer args) throws IOException;

    /**
     * Appends the records in {@code src} (framed like the file) to the end of the file, after
     * running the write filter on each: 0 rejects the record and the whole write with
     * {@link RecordRejectedException} (nothing is written), n keeps its first n bytes. On success
     * {@code src} is consumed. Needs the file opened with {@code WRITE}.
     */
    IoStats write(ByteBuffer src, LoadedFilter filter, ByteBuffer args) throws IOException;

    /** Sends the kept records from the position to the end of the file to {@code target} (the analogue of sendfile). */
    IoStats transfer(WritableByteChannel target, LoadedFilter filter, ByteBuffer args) throws IOException;

    /**
     * Transfers the kept records into the file {@code target}, created or replaced. Should the
     * target refuse bytes (a full disk), it is left empty rather than cut inside a record, and the
     * position is back where the call started ({@link WriteFailedException}).
     */
    default IoStats transfer(Path target, LoadedFilter filter, ByteBuffer args) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            try {
                return transfer(out, filter, args);
            } catch (WriteFailedException e) {
                out.truncate(0);
                throw new WriteFailedException("transfer to " + target + " failed (" + e.getCause().getMessage() + "): "
                        + target + " is left empty and the file position is back at byte " + e.offset(), e.offset(),
                        e.getCause());
            }
        }
    }

    /**
     * The kept records from the position on, each as a read-only buffer framed as delivered; the
     * position advances as the stream is consumed. IO errors surface as {@link UncheckedIOException}.
     */
    Stream<ByteBuffer> records(LoadedFilter filter, ByteBuffer args);

    /** Closes the file and unmaps what it mapped. */
    @Override
    void close() throws IOException;
}
