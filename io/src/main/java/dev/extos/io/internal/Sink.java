package dev.extos.io.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/** Where a read delivers kept records: the caller's buffer, a channel, or a stream's queue. */
abstract class Sink {
    /** Whether a delivered record of {@code size} bytes fits now; if not, the read stops before it. */
    abstract boolean fits(long size);

    /** Whether {@code records} more records of {@code bytes} bytes in all would all fit now. */
    abstract boolean fitsAll(long records, long bytes);

    /** Whether nothing has been delivered in this call (a record that does not fit then never will). */
    abstract boolean isEmpty();

    /** Delivers a kept record of {@code size} bytes. */
    abstract void put(Output output, MemorySegment src, long from, long kept, boolean delimited, long size) throws IOException;

    /** Whether kept records that lie next to each other may come as one {@link #putBytes} (false: one buffer per record). */
    abstract boolean takesRuns();

    /** Delivers {@code size} bytes at {@code from} of {@code src} as they are: whole records, already framed for delivery. */
    abstract void putBytes(MemorySegment src, long from, long size) throws IOException;

    /** Ends the call (makes what was delivered visible). */
    abstract void finish() throws IOException;
}
