package dev.extos.vm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code trace_printk} writes: the lines programs printed, oldest first, the way the
 * kernel's trace pipe holds them (the formatted message only, without the kernel's task and time
 * prefix). Bounded: when full, the oldest lines are dropped and counted. Safe for concurrent use.
 */
public final class TraceLog {
    private static final TraceLog SHARED = new TraceLog(4096);

    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long dropped;

    /** A log that keeps the latest {@code capacity} lines. */
    public TraceLog(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("a trace log holds at least one line");
        }
        this.capacity = capacity;
    }

    /** The log {@link HelperTable#standard()} writes to. */
    public static TraceLog shared() {
        return SHARED;
    }

    /** Appends one line. */
    public synchronized void append(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
            dropped++;
        }
        lines.addLast(line);
    }

    /** Removes and returns the lines held, oldest first. */
    public synchronized List<String> drain() {
        List<String> out = new ArrayList<>(lines);
        lines.clear();
        return out;
    }

    /** The lines held, oldest first, without removing them. */
    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** Lines dropped because the log was full. */
    public synchronized long dropped() {
        return dropped;
    }
}
