package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code extos bench read} on tiny files: every way selects the same records and a row is printed per selectivity. */
class ReadBenchCommandTest {
    @Test
    void allWaysAgreeOnASmallFile() {
        Cli.Result r = Cli.run("bench", "read", "--size", "200k", "--runs", "1", "--selectivity", "1,100");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("All ways selected the same records: yes");
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("1.0%")).anyMatch(l -> l.startsWith("100.0%"));
    }
}
