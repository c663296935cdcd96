package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code extos cat} end to end, in-process: every framing, arguments, errors. */
class CatCommandTest {
    @TempDir
    Path dir;

    /** Keeps records whose first byte equals the first argument byte. */
    private static final String FIRST_BYTE = """
            ldxw %r2, [%r1+0]
            ldxw %r3, [%r1+4]
            ldxw %r4, [%r1+8]
            ldxw %r5, [%r1+12]
            mov %r0, 0
            mov %r6, %r2
            add %r6, 1
            jgt %r6, %r3, out
            mov %r6, %r4
            add %r6, 1
            jgt %r6, %r5, out
            ldxb %r7, [%r2+0]
            ldxb %r8, [%r4+0]
            jne %r7, %r8, out
            mov32 %r0, -1
            out: exit
            """;

    private Path filter() throws IOException {
        return Files.writeString(dir.resolve("first.s"), FIRST_BYTE);
    }

    private byte[] cat(Path in, String... options) throws IOException {
        Path out = dir.resolve("out-" + System.nanoTime());
        String[] args = new String[options.length + 6];
        args[0] = "cat";
        args[1] = "--filter";
        args[2] = filter().toString();
        args[3] = "-o";
        args[4] = out.toString();
        System.arraycopy(options, 0, args, 5, options.length);
        args[args.length - 1] = in.toString();
        Cli.Result r = Cli.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Files.readAllBytes(out);
    }

    @Test
    void linesKeepTheMatchingRecordsWithTheirNewlines() throws IOException {
        Path in = Files.writeString(dir.resolve("in.txt"), "apple\nbanana\navocado\ncherry\nalmond");

        byte[] out = cat(in, "--args", "61");

        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("apple\navocado\nalmond");
    }

    @Test
    void fixedRecords() throws IOException {
        Path in = Files.writeString(dir.resolve("in.bin"), "a1b2a3c4");

        assertThat(new String(cat(in, "--framing", "fixed:2", "--args", "61"), StandardCharsets.US_ASCII)).isEqualTo("a1a3");
    }

    @Test
    void everyLengthPrefixedFraming() throws IOException {
        for (String framing : List.of("len16le", "len16be", "len32le", "len32be")) {
            int width = framing.startsWith("len16") ? 2 : 4;
            ByteOrder order = framing.endsWith("le") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            byte[] in = prefixed(width, order, "apple", "kiwi", "apricot");

            byte[] out = cat(Files.write(dir.resolve(framing), in), "--framing", framing, "--args", "61");

            assertThat(out).as(framing).isEqualTo(prefixed(width, order, "apple", "apricot"));
        }
    }

    @Test
    void aFramerProgram() throws IOException {
        // Records are a length byte and that many bytes; the framer reads the length byte.
        Path framer = Files.writeString(dir.resolve("frame.s"), """
                ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+4]
                mov %r0, 0
                mov %r4, %r2
                add %r4, 1
                jgt %r4, %r3, out
                ldxb %r0, [%r2+0]
                add %r0, 1
                out: exit
                """);
        Path in = Files.write(dir.resolve("framed.bin"), new byte[] {2, 'a', 'b', 1, 'x', 3, 'a', 'a', 'a'});
        // The filter sees the whole record, its length byte first: keep the records of length 2.
        byte[] out = cat(in, "--framing", "program:" + framer, "--args", "02");

        assertThat(out).containsExactly(2, 'a', 'b');
    }

    @Test
    void withoutAFilterEveryRecordIsKept() throws IOException {
        Path in = Files.writeString(dir.resolve("all.txt"), "one\ntwo\n");
        Path out = dir.resolve("all.out");

        Cli.Result r = Cli.run("cat", "-o", out.toString(), "--stats", in.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo("one\ntwo\n");
        assertThat(r.err()).contains("2 records seen, 2 kept; 8 bytes in, 8 out");
    }

    @Test
    void aFilterTheVerifierRefusesIsOneLineWithTheReason() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.s"), "ldxw %r2, [%r1+0]\nldxb %r0, [%r2+0]\nexit\n");
        Path in = Files.writeString(dir.resolve("x.txt"), "x\n");

        Cli.Result r = Cli.run("cat", "--filter", bad.toString(), in.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("extos: ").contains("bad.s rejected: insn 1: ldxb %r0, [%r2+0]: ").hasLineCount(1);
    }

    @Test
    void anUnknownFramingIsAUsageError() throws IOException {
        Path in = Files.writeString(dir.resolve("y.txt"), "y\n");

        Cli.Result r = Cli.run("cat", "--framing", "csv", in.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no framing 'csv'");
    }

    @Test
    void aTruncatedLastRecordIsReportedAfterTheWholeOnes() throws IOException {
        Path in = Files.writeString(dir.resolve("t.bin"), "a1a2a");
        Path out = dir.resolve("t.out");

        Cli.Result r = Cli.run("cat", "-o", out.toString(), "--framing", "fixed:2", in.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cut short by the end of the file");
        assertThat(Files.readString(out)).isEqualTo("a1a2");
    }

    private static byte[] prefixed(int width, ByteOrder order, String... records) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(order);
        for (String r : records) {
            if (width == 2) {
                b.putShort((short) r.length());
            } else {
                b.putInt(r.length());
            }
            b.put(r.getBytes(StandardCharsets.US_ASCII));
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }
}
