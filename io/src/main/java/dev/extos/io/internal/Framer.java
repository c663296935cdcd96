package dev.extos.io.internal;

import java.lang.foreign.MemorySegment;

/** Finds record boundaries in mapped bytes. */
interface Framer {
    /**
     * Frames the record starting at {@code at} in {@code bytes}, whose valid part ends at
     * {@code limit}; {@code atEof} says no bytes follow {@code limit} in the file; {@code fileOffset}
     * is the file offset of {@code at}. Returns the bytes the record occupies (> 0) and fills
     * {@code out}, or 0 when more bytes are needed; throws FramingException for bad framing.
     */
    long frame(MemorySegment bytes, long at, long limit, boolean atEof, long fileOffset, Frame out);
}
