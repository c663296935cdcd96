package dev.extos.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The traditional way: the application reads every line of the file and keeps the 5xx ones
 * itself. ISO-8859-1 maps each byte to one char, the fastest decoding and byte-exact, so this
 * is the strongest plain readLine baseline rather than a handicapped one.
 */
public final class LineRead {
    private LineRead() {
    }

    /** Reads every line of {@code file} into the application, delivers the 5xx ones to {@code sink} and closes it. */
    public static PassResult run(Path file, Delivery sink, Progress progress) throws IOException {
        long start = System.nanoTime();
        long records = 0;
        long read = 0;
        long size;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            size = Files.size(file);
            String line;
            while ((line = in.readLine()) != null) {
                records++;
                read += line.length() + 1;
                if ((records & 0xffff) == 0) {
                    progress.update(read);
                }
                if (StatusField.isServerError(line)) {
                    sink.deliver(line);
                }
            }
            sink.close();
        }
        progress.done();
        return new PassResult(records, sink.records(), size, size, sink.bytes(), sink.checksum(), System.nanoTime() - start);
    }
}
