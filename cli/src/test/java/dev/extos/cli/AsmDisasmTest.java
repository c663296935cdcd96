package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code extos asm} and {@code extos disasm}, alone and as a round trip. */
class AsmDisasmTest {
    /** Labels, a backward loop, lddw (two slots), memory, atomics and a helper call. */
    private static final String PROGRAM = """
            # counts down from 3, then adds a 64-bit constant
                    call 5
                    mov %r0, 0
                    mov %r2, 3
            loop:   add %r0, %r2
                    sub %r2, 1
                    jne %r2, 0, loop
                    lddw %r3, 0x1122334455667788
                    stxdw [%r10-8], %r3
                    lock add [%r10-8], %r0
                    ldxdw %r4, [%r10-8]
                    exit
            """;

    @TempDir
    Path dir;

    @Test
    void hexHasOneSlotPerLineInMemoryOrder() throws IOException {
        Path in = Files.writeString(dir.resolve("one.s"), "mov %r0, 1\nexit\n");

        Cli.Result r = Cli.run("asm", in.toString());

        assertThat(r.out()).isEqualTo("b700000001000000\n9500000000000000\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void roundTripThroughHexFiles() throws IOException {
        Path source = Files.writeString(dir.resolve("prog.s"), PROGRAM);
        Path first = dir.resolve("first.hex");
        assertThat(Cli.run("asm", source.toString(), "-o", first.toString()).exitCode()).isZero();

        Cli.Result text = Cli.run("disasm", first.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("lddw %r3, 0x1122334455667788").contains("jne %r2, 0, L3");
        Path again = Files.writeString(dir.resolve("again.s"), text.out());
        Path second = dir.resolve("second.hex");
        assertThat(Cli.run("asm", again.toString(), "-o", second.toString()).exitCode()).isZero();

        assertThat(Files.readString(first)).hasLineCount(12);
        assertThat(second).hasSameBinaryContentAs(first);
    }

    @Test
    void roundTripThroughBinaryFiles() throws IOException {
        Path source = Files.writeString(dir.resolve("prog.s"), PROGRAM);
        Path bin = dir.resolve("prog.bin");  // .bin: binary without --raw
        assertThat(Cli.run("asm", source.toString(), "-o", bin.toString()).exitCode()).isZero();
        assertThat(Files.size(bin)).isEqualTo(12 * 8);

        Path text = Files.writeString(dir.resolve("back.s"), Cli.run("disasm", bin.toString()).out());
        Path again = dir.resolve("again");
        assertThat(Cli.run("asm", text.toString(), "--raw", "bin", "-o", again.toString()).exitCode()).isZero();

        assertThat(again).hasSameBinaryContentAs(bin);
        assertThat(Cli.run("run", bin.toString()).out()).isEqualTo("r0 = 0x6\n");
    }

    @Test
    void disasmGuessesTheFormatFromTheContent() throws IOException {
        Path source = Files.writeString(dir.resolve("prog.s"), PROGRAM);
        Path hex = dir.resolve("hex-without-extension");
        Path bin = dir.resolve("bin-without-extension");
        Cli.run("asm", source.toString(), "--raw", "hex", "-o", hex.toString());
        Cli.run("asm", source.toString(), "--raw", "bin", "-o", bin.toString());

        Cli.Result fromHex = Cli.run("disasm", hex.toString());
        Cli.Result fromBin = Cli.run("disasm", bin.toString());

        assertThat(fromHex.exitCode()).isZero();
        assertThat(fromHex.out()).isEqualTo(fromBin.out()).startsWith("call 5\nmov %r0, 0\n");
        assertThat(Cli.run("disasm", "--raw", "bin", hex.toString()).exitCode()).isEqualTo(1);
    }

    @Test
    void asmReadsStandardInput() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("exit\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(Cli.run("asm", "-").out()).isEqualTo("9500000000000000\n");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void asmEncodesLikeTheConformanceSuitesRawWords() throws IOException {
        // add.data's first instructions; the suite spells mov32 %r1, 2 as 0x00000002000001b4.
        Path source = Files.writeString(dir.resolve("add.s"), "mov32 %r0, 0\nmov32 %r1, 2\nadd32 %r0, 1\nexit\n");
        Cli.Result hex = Cli.run("asm", source.toString());

        assertThat(hex.out()).isEqualTo("b400000000000000\nb401000002000000\n0400000001000000\n9500000000000000\n");
    }
}
