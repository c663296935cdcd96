package dev.extos.io.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Kept records delivered as they lie in the file (whole, with their delimiter or prefix) that are
 * next to each other in the window: the sink gets them as one copy, so a read that keeps most
 * records copies at memory speed instead of paying a copy call per record.
 */
final class KeptRun {
    private long from;
    private long to;
    private long firstPosition;
    private long firstIndex;
    private int records;

    boolean isEmpty() {
        return records == 0;
    }

    /** Whether a record starting at window offset {@code start} continues the run (an empty run takes any). */
    boolean continuesAt(long start) {
        return records == 0 || start == to;
    }

    /** Adds the record at window offsets [start, end), at file offset {@code position}, number {@code index}. */
    void add(long start, long end, long position, long index) {
        if (records == 0) {
            from = start;
            firstPosition = position;
            firstIndex = index;
        }
        to = end;
        records++;
    }

    long bytes() {
        return to - from;
    }

    /** File offset of the run's first record. */
    long firstPosition() {
        return firstPosition;
    }

    /** Number of the run's first record in the file. */
    long firstIndex() {
        return firstIndex;
    }

    /** Copies the run out of {@code window} into {@code sink}, then starts a new one. */
    void handTo(Sink sink, MemorySegment window) throws IOException {
        if (records > 0) {
            sink.putBytes(window, from, to - from);
            clear();
        }
    }

    void clear() {
        records = 0;
        from = 0;
        to = 0;
    }
}
