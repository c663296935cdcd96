package dev.extos.cli.demo;

import dev.extos.io.Domain;
import dev.extos.io.ExtFile;
import dev.extos.io.Framing;
import dev.extos.io.IoStats;
import dev.extos.io.LoadedFilter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The ExtOS way: the application opens the file in a domain with newline framing and reads
 * through the pushed filter; the domain runs it on each record where the record lies and hands
 * over only the kept records, whole, into the application's buffer.
 */
public final class FilteredRead {
    private static final int BUFFER = 1 << 20;

    private final Domain domain;
    private final LoadedFilter filter;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);

    /** A filtered read running {@code filter} in {@code domain}. */
    public FilteredRead(Domain domain, LoadedFilter filter) {
        this.domain = domain;
        this.filter = filter;
    }

    /** Reads {@code file} through the filter into {@code sink}, and closes the sink (its last flush is part of the job). */
    public PassResult run(Path file, Delivery sink, Progress progress) throws IOException {
        long start = System.nanoTime();
        IoStats total = IoStats.none();
        try (ExtFile in = domain.open(file, Framing.lines())) {
            IoStats call;
            do {
                buffer.clear();
                call = in.read(buffer, filter, null);
                total = total.plus(call);
                sink.deliver(buffer.flip(), call.recordsKept());
                progress.update(total.bytesIn());
            } while (!call.endOfFile());
            sink.close();
        }
        progress.done();
        return new PassResult(total.recordsSeen(), sink.records(), total.bytesIn(), sink.bytes(), sink.bytes(),
                sink.checksum(), System.nanoTime() - start);
    }
}
