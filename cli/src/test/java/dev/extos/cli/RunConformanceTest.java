package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code extos run} on bpf_conformance cases. */
class RunConformanceTest {
    @Test
    void threeRealCasesPass() {
        Cli.Result r = Cli.run("run", ConformanceSuite.file("add.data"), ConformanceSuite.file("ldxb.data"),
                ConformanceSuite.file("alu64-arith.data"));

        assertThat(r.outLines()).containsExactly("PASS add.data", "PASS ldxb.data", "PASS alu64-arith.data",
                "3 passed, 0 failed");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aWrongCaseFailsWithExpectedAndActual(@TempDir Path dir) throws IOException {
        Path wrong = dir.resolve("wrong.data");
        Files.writeString(wrong, "-- asm\nmov %r0, 1\nexit\n-- result\n0x2\n");

        Cli.Result r = Cli.run("run", ConformanceSuite.file("add.data"), wrong.toString());

        assertThat(r.outLines()).containsExactly("PASS add.data", "FAIL wrong.data: expected 0x2, got 0x1",
                "1 passed, 1 failed");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void aMalformedCaseIsAFailureAndTheOthersStillRun(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.data");
        Files.writeString(broken, "-- asm\nexit\n");

        Cli.Result r = Cli.run("run", broken.toString(), ConformanceSuite.file("add.data"));

        assertThat(r.outLines()).hasSize(3);
        assertThat(r.outLines().get(0)).startsWith("FAIL broken.data: ").contains("no expectation");
        assertThat(r.outLines()).endsWith("1 passed, 1 failed");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void aDirectoryRunsItsDataFilesInOrderButNotNegative() throws IOException {
        long cases;
        try (Stream<Path> s = Files.list(ConformanceSuite.tests())) {
            cases = s.filter(p -> p.toString().endsWith(".data")).count();
        }

        Cli.Result r = Cli.run("run", ConformanceSuite.tests().toString());

        assertThat(r.outLines()).hasSize((int) cases + 1);
        assertThat(r.outLines()).last().isEqualTo(cases + " passed, 0 failed");
        assertThat(r.outLines().subList(0, (int) cases)).isSorted().allMatch(l -> l.startsWith("PASS ") && !l.startsWith("PASS negative/"));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void negativeCasesPassWhenRejectedAndRunOnlyWhenNamed() {
        Cli.Result r = Cli.run("run", ConformanceSuite.tests().resolve("negative").toString());

        List<String> lines = r.outLines();
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.startsWith("PASS negative/"));
        assertThat(lines.getLast()).isEqualTo((lines.size() - 1) + " passed, 0 failed");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aMissingCaseFailsBeforeAnythingRuns() {
        Cli.Result r = Cli.run("run", ConformanceSuite.file("add.data"), "no-such-case.data");

        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("extos: no-such-case.data: no such file or directory\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void memoryOptionsDoNotApplyToConformanceCases() {
        Cli.Result r = Cli.run("run", "--mem", "aa", ConformanceSuite.file("add.data"));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("conformance cases carry their own");
    }
}
