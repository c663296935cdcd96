package dev.extos.cli.bench;

import dev.extos.io.Domain;
import dev.extos.io.ExtFile;
import dev.extos.io.Framing;
import dev.extos.io.IoStats;
import dev.extos.io.LoadedFilter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** The ways the read benchmark does one job: count (and hand over) the records with level=ERROR. */
public final class ReadWays {
    private static final byte[] MARK = RecordFile.MARK.getBytes(StandardCharsets.US_ASCII);

    private ReadWays() {
    }

    /** What a way returned: records selected, bytes handed to the application. */
    public record Outcome(long selected, long bytesOut) {
    }

    /** ExtOS: a filtered read into a 1 MiB buffer; only kept records arrive. */
    public static Outcome extos(Domain domain, LoadedFilter filter, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        long kept = 0;
        long out = 0;
        try (ExtFile in = domain.open(file, Framing.lines())) {
            IoStats s;
            do {
                buffer.clear();
                s = in.read(buffer, filter, null);
                kept += s.recordsKept();
                out += s.bytesOut();
            } while (!s.endOfFile());
        }
        return new Outcome(kept, out);
    }

    /** The memory-bandwidth reference: read() every byte into a large direct buffer and do nothing with it. */
    public static Outcome plainScan(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(16 << 20);
        long bytes = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = in.read(buffer.clear())) >= 0) {
                bytes += n;
            }
        }
        return new Outcome(-1, bytes);
    }

    /** The idiomatic Java way: Files.lines and a String predicate. */
    public static Outcome filesLines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            List<String> kept = lines.filter(l -> l.contains(RecordFile.MARK)).toList();
            return new Outcome(kept.size(), kept.stream().mapToLong(l -> l.length() + 1).sum());
        }
    }

    /** The application reads all bytes itself through a FileChannel and tests each record with a hand-written byte loop. */
    public static Outcome handWritten(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        byte[] b = buffer.array();
        byte[] kept = new byte[1 << 20];
        long selected = 0;
        long out = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            int carry = 0;
            while (true) {
                int n = in.read(buffer.position(carry).limit(b.length));
                int end = carry + Math.max(n, 0);
                int start = 0;
                for (int i = 0; i < end; i++) {
                    if (b[i] != '\n') {
                        continue;
                    }
                    if (matches(b, start, i)) {
                        int len = i + 1 - start;
                        if (out % kept.length + len > kept.length) {
                            out += kept.length - out % kept.length;  // the application's output buffer wraps
                        }
                        System.arraycopy(b, start, kept, (int) (out % kept.length), len);
                        out += len;
                        selected++;
                    }
                    start = i + 1;
                }
                if (n < 0) {
                    break;
                }
                carry = end - start;
                System.arraycopy(b, start, b, 0, carry);
            }
        }
        return new Outcome(selected, out);
    }

    private static boolean matches(byte[] b, int start, int end) {
        int at = start + RecordFile.MARK_AT;
        if (at + MARK.length > end) {
            return false;
        }
        for (int k = 0; k < MARK.length; k++) {
            if (b[at + k] != MARK[k]) {
                return false;
            }
        }
        return true;
    }

    /** {@code grep -c -F level=ERROR FILE}. */
    public static Outcome grep(Path file) throws IOException {
        return new Outcome(command("grep", "-c", "-F", RecordFile.MARK, file.toString()), -1);
    }

    /** {@code awk '$2 == "level=ERROR" {n++} END {print n+0}' FILE}. */
    public static Outcome awk(Path file) throws IOException {
        return new Outcome(command("awk", "$2 == \"" + RecordFile.MARK + "\" {n++} END {print n+0}", file.toString()), -1);
    }

    private static long command(String... argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(argv[0] + " was interrupted", e);
        }
        try {
            return Long.parseLong(out);
        } catch (NumberFormatException e) {
            throw new IOException(argv[0] + " printed '" + out + "', not a count");
        }
    }
}
