package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User errors end with one clear message and status 1 (2 for a wrong command line), never a stack trace. */
class ErrorReportingTest {
    @TempDir
    Path dir;

    private static void assertNoStackTrace(Cli.Result r) {
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
    }

    @Test
    void aFaultNamesTheInstruction() throws IOException {
        Path program = Files.writeString(dir.resolve("oob.s"), "mov %r0, 0\nldxw %r0, [%r1+8]\nexit\n");

        Cli.Result r = Cli.run("run", "--mem", "01 02 03 04", program.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("extos: " + program + ": insn 1 (ldxw %r0, [%r1+8]): read of 4 bytes")
                .contains("outside memory");
        assertNoStackTrace(r);
    }

    @Test
    void badAssemblyReportsLineAndColumnWithTheLine() throws IOException {
        Path program = Files.writeString(dir.resolve("bad.s"), "mov %r0, 1\n  ldxq %r0, [%r1]\nexit\n");

        Cli.Result r = Cli.run("run", program.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("extos: " + program + ":2:3: unknown mnemonic 'ldxq'\n"
                + "      ldxq %r0, [%r1]\n"
                + "      ^\n");
    }

    @Test
    void asmReportsTheSameWay() throws IOException {
        Path program = Files.writeString(dir.resolve("bad.s"), "exit\njne %r1, 5, nowhere\n");

        Cli.Result r = Cli.run("asm", program.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("extos: " + program + ":2:").contains("no label 'nowhere'");
        assertNoStackTrace(r);
    }

    @Test
    void aMissingFileIsOneLine() {
        Cli.Result r = Cli.run("run", dir.resolve("absent.s").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("extos: cannot read " + dir.resolve("absent.s") + ": no such file or directory\n");
    }

    @Test
    void aDirectoryWhereAFileBelongsIsOneLine() {
        Cli.Result r = Cli.run("disasm", dir.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("extos: cannot read " + dir + ": it is a directory, not a file\n");
    }

    @Test
    void badHexSaysWhereAndWhy() throws IOException {
        Path program = Files.writeString(dir.resolve("p.hex"), "b700000000000000\n95000000000000zz\n");

        Cli.Result r = Cli.run("run", program.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("extos: " + program + ":2:1: '95000000000000zz' is not hex bytes: 'z' is not a hex digit\n");
    }

    @Test
    void badMemHexSaysWhy() throws IOException {
        Path program = Files.writeString(dir.resolve("p.s"), "exit\n");

        Cli.Result r = Cli.run("run", "--mem", "0x10 20", program.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--mem, column 1: '0x10' is not hex bytes").contains("without a 0x prefix");
    }

    @Test
    void invalidInstructionBytesNameTheSlot() throws IOException {
        Path program = Files.writeString(dir.resolve("p.hex"), "b700000000000000\nff00000000000000\n");

        Cli.Result r = Cli.run("disasm", program.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("extos: " + program + ": instruction 1 (ff 00 00 00 00 00 00 00)");
        assertNoStackTrace(r);
    }

    @Test
    void usageErrorsExitWith2AndPointAtHelp() {
        Cli.Result r = Cli.run("run");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter").contains("extos run --help");
    }

    @Test
    void noCommandShowsTheCommands() {
        Cli.Result r = Cli.run();

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("run").contains("asm").contains("disasm").contains("demo");
    }
}
