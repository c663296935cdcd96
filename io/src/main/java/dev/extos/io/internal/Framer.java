package dev.extos.io.internal;

import java.lang.foreign.MemorySegment;

/** Finds record boundaries in mapped bytes. */
interface Framer {
    /**
     * Frames up to {@code max} consecutive records starting at {@code at} in {@code bytes}, whose
     * valid part ends at {@code limit}; {@code atEof} says no bytes follow {@code limit} in the file;
     * {@code fileOffset} is the file offset of {@code at}. Fills records 0..n-1 of {@code out} and
     * returns n, or 0 when the first record needs more bytes; throws FramingException for bad framing.
     */
    int frame(MemorySegment bytes, long at, long limit, boolean atEof, long fileOffset, Frames out, int max);
}
