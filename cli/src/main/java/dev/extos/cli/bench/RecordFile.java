package dev.extos.cli.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The read benchmark's input: 100-byte newline-terminated records
 * {@code id=0000000042 level=INFO  user=u0004711 msg=...}, of which a chosen share has
 * {@code level=ERROR}. "level=ERROR" appears nowhere else, so a fixed-offset byte test, a
 * substring search, {@code grep -F} and an awk field test all select exactly the same records.
 */
public final class RecordFile {
    /** Bytes per record, newline included. */
    public static final int RECORD = 100;
    /** The selected records' marker, at byte {@value #MARK_AT} of the record. */
    public static final String MARK = "level=ERROR";
    /** Where {@link #MARK} starts in a record. */
    public static final int MARK_AT = 14;

    private RecordFile() {
    }

    /** Writes {@code records} records to {@code file}, selecting one in {@code 1 / share}; returns how many were selected. */
    public static long write(Path file, long records, double share, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] record = new byte[RECORD];
        long selected = 0;
        long threshold = Math.round(share * 1_000_000);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long i = 0; i < records; i++) {
                boolean pick = random.nextInt(1_000_000) < threshold;
                selected += pick ? 1 : 0;
                String level = pick ? "level=ERROR" : random.nextInt(4) == 0 ? "level=WARN " : "level=INFO ";
                String head = String.format("id=%010d %s user=u%07d msg=", i, level, random.nextInt(10_000_000));
                byte[] h = head.getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(h, 0, record, 0, h.length);
                for (int k = h.length; k < RECORD - 1; k++) {
                    record[k] = (byte) ('a' + random.nextInt(26));
                }
                record[RECORD - 1] = '\n';
                out.write(record);
            }
        }
        // On disk before any way is timed: the kernel's writeback must not run during the measurements.
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            c.force(true);
        }
        return selected;
    }
}
