package dev.extos.cli.demo;

import dev.extos.isa.ExtosException;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Executable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The ExtOS way: the IO path maps the file, frames it into newline-delimited records, runs the
 * pushed filter on each record where it lies, and copies out only what the filter keeps. The
 * filter follows the read-filter verdict convention: 0 drops the record, n keeps its first n
 * bytes, anything at least its length keeps all of it; a kept record keeps its newline.
 */
public final class FilteredRead {
    private static final long MAX_RECORD = 0xffffffffL;

    private final Executable filter;
    private final String filterName;

    /** A filtered read running {@code filter} (called {@code filterName} in errors). */
    public FilteredRead(Executable filter, String filterName) {
        this.filter = filter;
        this.filterName = filterName;
    }

    /** Reads {@code file} through the filter into {@code sink}, and closes the sink (its last flush is part of the job). */
    public PassResult run(Path file, Delivery sink) throws IOException {
        long start = System.nanoTime();
        long records = 0;
        long size;
        try (Arena arena = Arena.ofConfined(); FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            MemorySegment data = size == 0 ? MemorySegment.ofArray(new byte[0])
                    : channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            // One region for every record: each record is re-pointed into it, nothing is allocated or copied.
            AddressSpace memory = new AddressSpace();
            long base = memory.mapData("record", data.asSlice(0, 0), false);
            long from = 0;
            while (from < size) {
                long newline = Newlines.next(data, from, size);
                long end = newline < 0 ? size : newline;
                long length = end - from;
                if (length > MAX_RECORD) {
                    throw new ExtosException(file + ": the record at byte " + from + " is longer than 4 GiB");
                }
                memory.remap(base, data.asSlice(from, length));
                long verdict = verdict(memory, base, length, records, from);
                records++;
                if (verdict != 0) {
                    sink.deliver(data, from, Long.compareUnsigned(verdict, length) < 0 ? verdict : length, newline >= 0);
                }
                from = end + 1;
            }
            sink.close();
        }
        return new PassResult(records, sink.records(), size, sink.bytes(), sink.bytes(), sink.checksum(),
                System.nanoTime() - start);
    }

    private long verdict(AddressSpace memory, long base, long length, long index, long offset) {
        try {
            return filter.run(memory, base, length);
        } catch (ExtosException e) {
            throw new ExtosException(filterName + " failed on record " + index + " (byte " + offset + "): " + e.getMessage(), e);
        }
    }
}
