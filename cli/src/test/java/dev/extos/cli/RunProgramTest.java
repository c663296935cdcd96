package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code extos run} on one program file. */
class RunProgramTest {
    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void assemblyRunsOnTheGivenMemory() throws IOException {
        // r0 = mem[2] + length: proves r1 points at the memory and r2 holds its length.
        String program = write("sum.s", "ldxb %r0, [%r1+2]\nadd %r0, %r2\nexit\n");

        Cli.Result r = Cli.run("run", "--mem", "aa bb 11 cc dd", program);

        assertThat(r.out()).isEqualTo("r0 = 0x16\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void theMemoryIsWritable() throws IOException {
        String program = write("store.asm", "stb [%r1+0], 0x7f\nldxb %r0, [%r1+0]\nexit\n");

        assertThat(Cli.run("run", "--mem", "00", program).out()).isEqualTo("r0 = 0x7f\n");
    }

    @Test
    void withoutMemoryR1AndR2AreZero() throws IOException {
        String program = write("regs.s", "mov %r0, %r1\nor %r0, %r2\nadd %r0, 5\nexit\n");

        assertThat(Cli.run("run", program).out()).isEqualTo("r0 = 0x5\n");
    }

    @Test
    void memoryComesFromAFile() throws IOException {
        Path mem = Files.write(dir.resolve("mem.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) 0x80});
        String program = write("dw.s", "ldxdw %r0, [%r1+0]\nexit\n");

        assertThat(Cli.run("run", "--mem-file", mem.toString(), program).out()).isEqualTo("r0 = 0x8007060504030201\n");
    }

    @Test
    void rawProgramsRunFromHexAndBinaryFiles() throws IOException {
        // mov r0, 42 ; exit
        String hex = write("p.hex", "b7000000 2a000000 # mov %r0, 42\n9500000000000000\n");
        Path bin = Files.write(dir.resolve("p.bin"), new byte[] {(byte) 0xb7, 0, 0, 0, 42, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0});

        assertThat(Cli.run("run", hex).out()).isEqualTo("r0 = 0x2a\n");
        assertThat(Cli.run("run", bin.toString()).out()).isEqualTo("r0 = 0x2a\n");
    }

    @Test
    void r0IsPrintedAsUnsignedHex() throws IOException {
        String program = write("neg.s", "mov %r0, -1\nexit\n");

        assertThat(Cli.run("run", program).out()).isEqualTo("r0 = 0xffffffffffffffff\n");
    }

    @Test
    void onlyOneProgramAtATime() throws IOException {
        String a = write("a.s", "exit\n");

        Cli.Result r = Cli.run("run", a, a);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("one program file");
    }

    @Test
    void memHexAndMemFileExcludeEachOther() throws IOException {
        String a = write("a.s", "exit\n");

        assertThat(Cli.run("run", "--mem", "00", "--mem-file", a, a).exitCode()).isEqualTo(2);
    }

    @Test
    void anUnknownEngineIsAUsageErrorListingTheEngines() throws IOException {
        Cli.Result r = Cli.run("run", "--engine", "warp", write("a.s", "exit\n"));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no engine 'warp'").contains("interp");
    }
}
