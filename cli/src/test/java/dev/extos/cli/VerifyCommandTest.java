package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code extos verify}: the verifier's verdict, its reason and its exit status. */
class VerifyCommandTest {
    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void aSafeProgramIsAcceptedWithExitZero() throws IOException {
        String program = write("ok.s", "ldxw %r0, [%r1+4]\nexit\n");

        Cli.Result r = Cli.run("verify", "--mem-size", "8", program);

        assertThat(r.out()).startsWith("accepted (").contains("instructions processed");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aReadPastTheBufferIsRejectedAtItsInstruction() throws IOException {
        String program = write("oob.s", "mov %r0, 0\nldxw %r0, [%r1+6]\nexit\n");

        Cli.Result r = Cli.run("verify", "--mem-size", "8", program);

        assertThat(r.out()).startsWith("rejected: insn 1: ldxw %r0, [%r1+6]: ");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void anUncheckedPacketReadIsRejectedAsXdpAndTheCheckedOneAccepted() throws IOException {
        String unchecked = write("unchecked.s", """
                ldxw %r2, [%r1+0]
                ldxb %r0, [%r2+0]
                exit
                """);
        String checked = write("checked.s", """
                ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+4]
                mov %r4, %r2
                add %r4, 1
                mov %r0, 0
                jgt %r4, %r3, +1
                ldxb %r0, [%r2+0]
                exit
                """);

        Cli.Result bad = Cli.run("verify", "--type", "xdp", unchecked);
        Cli.Result good = Cli.run("verify", "--type", "xdp", checked);

        assertThat(bad.out()).startsWith("rejected: insn 1: ldxb %r0, [%r2+0]:").contains("pkt");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(good.out()).as(good.out()).startsWith("accepted");
        assertThat(good.exitCode()).isZero();
    }

    @Test
    void verboseModePrintsTheStateAtEveryInstruction() throws IOException {
        String program = write("v.s", "mov %r0, 1\nadd %r0, 2\nexit\n");

        Cli.Result r = Cli.run("verify", "--verbose", program);

        assertThat(r.out().lines().count()).isGreaterThan(3);
        assertThat(r.out()).contains("r0").endsWith("ms)\n");
    }

    @Test
    void anUnknownTypeIsAnErrorWithTheListOfTypes() throws IOException {
        String program = write("p.s", "mov %r0, 0\nexit\n");

        Cli.Result r = Cli.run("verify", "--type", "tc", program);

        assertThat(r.err()).contains("no program type 'tc' (types: memory, xdp, read, write, frame)");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    private static String fixture(String name) {
        return Path.of(System.getProperty("extos.fixtures", "../fixtures"), "bpf", name).toString();
    }

    @Test
    void aClangObjectIsVerifiedAsTheTypeItsSectionNames() {
        Cli.Result r = Cli.run("verify", fixture("xdp_parser.o"));

        assertThat(r.out()).startsWith("accepted (");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aRejectedClangProgramQuotesItsCLine() {
        Cli.Result r = Cli.run("verify", fixture("unchecked_read.o"));

        assertThat(r.out()).startsWith("rejected: insn ").contains("packet")
                .contains("unchecked_read.c:10:").contains("data[0] == 0x45");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void aSectionThatIsNotThereIsAnErrorListingWhatIs() {
        Cli.Result r = Cli.run("verify", "--section", "nope", fixture("tail_calls.o"));

        assertThat(r.err()).contains("no program or section named 'nope'").contains("dispatch (SEC(\"xdp\"))");
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
