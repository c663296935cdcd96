package dev.extos.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many times the calling thread has gone to sleep waiting for something (its voluntary
 * context switches, from /proc/thread-self/status): a receiver that sleeps once per datagram
 * pays a wake-up each time, one that finds its queue full never sleeps.
 */
final class ThreadSleeps {
    private static final Path STATUS = Path.of("/proc/thread-self/status");
    private static final String FIELD = "voluntary_ctxt_switches:";

    private ThreadSleeps() {
    }

    /** The calling thread's voluntary context switches so far, or -1 when /proc does not say. */
    static long current() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(FIELD)) {
                    return Long.parseLong(line.substring(FIELD.length()).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or no /proc: the column shows -1
        }
        return -1;
    }
}
