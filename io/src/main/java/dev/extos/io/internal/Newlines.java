package dev.extos.io.internal;

import java.lang.foreign.MemorySegment;

/**
 * Finds '\n' in mapped bytes: the inner loop of newline framing, and of every filtered read of a
 * text file. Two implementations: the JDK's Vector API when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (about 2.5x faster here), plain 64-bit arithmetic otherwise.
 */
sealed interface Newlines permits SwarNewlines, VectorNewlines {
    /**
     * Whether this JVM has the Vector API (an incubating module, so only when asked for);
     * {@code -Dextos.newlines=swar} keeps the SWAR search even then, to compare the two.
     */
    boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"swar".equals(System.getProperty("extos.newlines"));

    /**
     * Stores the offsets of the first newlines in [from, to), at most {@code max} of them, in
     * {@code found}, in order; returns how many.
     */
    int find(MemorySegment data, long from, long to, long[] found, int max);

    /** The fastest search this JVM offers; each instance is for one thread. */
    static Newlines fastest() {
        return VECTOR ? new VectorNewlines() : new SwarNewlines();
    }

    /** Which search {@link #fastest} gives, for reports: "vector (256-bit)" or "swar". */
    static String description() {
        return VECTOR ? VectorNewlines.describe() : "swar";
    }
}
