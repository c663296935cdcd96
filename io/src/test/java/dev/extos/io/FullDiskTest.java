package dev.extos.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the destination refuses bytes (a full disk, a failing channel), the call ends with
 * {@link WriteFailedException} and nothing is lost: a write leaves the file as it was (no torn
 * record at its end), a transfer puts the position back so that a retry delivers everything.
 * The full-disk cases mount a 64 KiB tmpfs, which needs root; without it they are skipped.
 */
class FullDiskTest {
    @TempDir
    Path dir;

    @Test
    void aTransferWhoseTargetFailsPutsThePositionBackAndARetryDeliversEverything() throws IOException {
        Path file = Files.writeString(dir.resolve("log.txt"), lines(5000));
        try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines())) {
            LoadedFilter keep = d.loadAssembly("keep", Programs.KEEP_ALL, Hook.READ);
            ByteArrayOutputStream partial = new ByteArrayOutputStream();

            assertThatThrownBy(() -> f.transfer(failingAfter(10_000, partial), keep, null))
                    .isInstanceOf(WriteFailedException.class)
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining("position is back at byte 0");
            assertThat(f.position()).isZero();
            assertThat(partial.size()).isLessThanOrEqualTo(10_000);

            ByteArrayOutputStream all = new ByteArrayOutputStream();
            f.transfer(Channels.newChannel(all), keep, null);
            assertThat(all.toString(StandardCharsets.US_ASCII)).isEqualTo(Files.readString(file));
        }
    }

    @Test
    void aWriteThatFillsTheDiskLeavesTheFileAsItWas() throws IOException, InterruptedException {
        Path small = smallDisk();
        try {
            Path file = small.resolve("out.txt");
            Files.createFile(file);
            try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines(), StandardOpenOption.WRITE)) {
                ByteBuffer chunk = ByteBuffer.wrap(lines(300).getBytes(StandardCharsets.US_ASCII));
                long size = 0;
                WriteFailedException failed = null;
                for (int i = 0; i < 100 && failed == null; i++) {
                    try {
                        f.write(chunk.duplicate(), null, null);
                        size += chunk.remaining();
                    } catch (WriteFailedException e) {
                        failed = e;
                    }
                }

                assertThat(failed).as("a 64 KiB disk fills up").isNotNull();
                assertThat(failed).hasMessageContaining("No space left on device")
                        .hasMessageContaining("the file is back at its " + size + " bytes");
                assertThat(failed.offset()).isEqualTo(size);
                assertThat(Files.size(file)).isEqualTo(size);
                String content = Files.readString(file);
                assertThat(content).endsWith("\n");
                assertThat(content.length() % chunk.remaining()).isZero();
            }
        } finally {
            run("umount", small.toString());
        }
    }

    @Test
    void aTransferToAFullDiskLeavesTheTargetEmpty() throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("big.txt"), lines(4000));
        Path small = smallDisk();
        try {
            Path target = small.resolve("copy.txt");
            try (Domain d = ExtOS.embedded(); ExtFile f = d.open(file, Framing.lines())) {
                LoadedFilter keep = d.loadAssembly("keep", Programs.KEEP_ALL, Hook.READ);

                assertThatThrownBy(() -> f.transfer(target, keep, null))
                        .isInstanceOf(WriteFailedException.class)
                        .hasMessageContaining(target + " is left empty");
                assertThat(Files.size(target)).isZero();
                assertThat(f.position()).isZero();
            }
        } finally {
            run("umount", small.toString());
        }
    }

    /** A 64 KiB tmpfs mounted under the test's directory, or the test is skipped with the reason. */
    private Path smallDisk() throws IOException, InterruptedException {
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        String failure = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString());
        Assumptions.assumeTrue(failure == null, "cannot mount a 64 KiB tmpfs to fill up (needs root): " + failure);
        return mount;
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }

    private static String lines(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("record ").append(i).append(" of the log, padded to look like one\n");
        }
        return b.toString();
    }

    /** A channel that takes {@code limit} bytes into {@code sink}, then fails as a full disk does. */
    private static WritableByteChannel failingAfter(int limit, ByteArrayOutputStream sink) {
        return new WritableByteChannel() {
            private int written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                int n = Math.min(src.remaining(), limit - written);
                if (n <= 0) {
                    throw new IOException("No space left on device");
                }
                byte[] b = new byte[n];
                src.get(b);
                sink.write(b, 0, n);
                written += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }
}
