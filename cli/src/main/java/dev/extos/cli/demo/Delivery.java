package dev.extos.cli.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The application's receiving end for kept records: copies them into its own buffer (the copy
 * every delivered byte costs), checksums them so two ways of doing the job can be compared, and
 * writes them to a file when asked.
 */
public final class Delivery implements AutoCloseable {
    private final byte[] buffer = new byte[1 << 16];
    private final FileChannel out;
    private final CRC32 crc = new CRC32();
    private int used;
    private boolean closed;
    private long records;
    private long bytes;

    private Delivery(FileChannel out) {
        this.out = out;
    }

    /** Keeps count and checksum only. */
    public static Delivery counting() {
        return new Delivery(null);
    }

    /** Also writes the records to {@code file}, replacing it. */
    public static Delivery toFile(Path file) throws IOException {
        return new Delivery(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING));
    }

    /** Delivers a buffer of {@code records} whole records, as a filtered read hands them over. */
    public void deliver(ByteBuffer records, long count) throws IOException {
        this.records += count;
        int n = records.remaining();
        bytes += n;
        while (records.hasRemaining()) {
            int chunk = Math.min(records.remaining(), buffer.length - used);
            records.get(buffer, used, chunk);
            used += chunk;
            if (used == buffer.length) {
                flush();
            }
        }
    }

    /** Delivers a line read as ISO-8859-1 text (so each char is one byte), and a newline. */
    public void deliver(String line) throws IOException {
        records++;
        for (int i = 0; i < line.length(); i++) {
            put((byte) line.charAt(i));
        }
        put((byte) '\n');
        bytes += line.length() + 1;
    }

    /** Records delivered so far. */
    public long records() {
        return records;
    }

    /** Bytes delivered so far, newlines included. */
    public long bytes() {
        return bytes;
    }

    /** CRC-32 of every byte delivered (complete after {@link #close}). */
    public long checksum() {
        return crc.getValue();
    }

    private void put(byte b) throws IOException {
        if (used == buffer.length) {
            flush();
        }
        buffer[used++] = b;
    }

    private void flush() throws IOException {
        crc.update(buffer, 0, used);
        if (out != null) {
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, used);
            while (b.hasRemaining()) {
                out.write(b);
            }
        }
        used = 0;
    }

    /** Flushes what is buffered and closes the file; closing again does nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            if (out != null) {
                out.close();
            }
        }
    }
}
