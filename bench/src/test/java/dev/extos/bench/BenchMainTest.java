package dev.extos.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Command line and table of run-bench, without running JMH. */
class BenchMainTest {

    @Test
    void defaultsAreOneForkThreeWarmupAndFiveMeasurementIterationsOfOneSecond() throws Exception {
        BenchMain.Settings s = BenchMain.parse(new String[] {"interp"});
        assertThat(s).isEqualTo(new BenchMain.Settings("interp", 1, 3, 5, 1, null, List.of(), null));
    }

    @Test
    void quickShortensTheRunAndExplicitCountsWin() throws Exception {
        assertThat(BenchMain.parse(new String[] {"interp", "--quick"}))
                .extracting(BenchMain.Settings::warmup, BenchMain.Settings::iterations).containsExactly(1, 2);
        BenchMain.Settings s = BenchMain.parse(new String[] {"--iterations", "4", "interp", "--quick", "--out", "t.md", "--prof", "gc"});
        assertThat(s.warmup()).isEqualTo(1);
        assertThat(s.iterations()).isEqualTo(4);
        assertThat(s.out()).isEqualTo(Path.of("t.md"));
        assertThat(s.profilers()).containsExactly("gc");
        assertThat(BenchMain.parse(new String[] {"interp", "--help"})).isNull();
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        assertThatThrownBy(() -> BenchMain.parse(new String[] {})).hasMessageContaining("name what to benchmark");
        assertThatThrownBy(() -> BenchMain.parse(new String[] {"nosuch"})).hasMessageContaining("no benchmark group 'nosuch'")
                .hasMessageContaining("interp").hasMessageContaining("jit");
        assertThatThrownBy(() -> BenchMain.parse(new String[] {"interp", "--forks"})).hasMessageContaining("--forks needs a value");
        assertThatThrownBy(() -> BenchMain.parse(new String[] {"interp", "--iterations", "0"})).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> BenchMain.parse(new String[] {"interp", "--fast"})).hasMessageContaining("unknown option --fast");
    }

    @Test
    void rowsCompareWithTheBaselineAndTheTarget() {
        assertThat(new BenchMain.Row("sumLoop", 960_000, 1_000, 300_000).cells())
                .containsExactly("sumLoop", "960,000 ± 1,000", "300,000", "3.200 ± 0.003", "2.00x faster", "FAIL");
        assertThat(new BenchMain.Row("x", 1_000, Double.NaN, 1_000).cells())
                .containsExactly("x", "1,000", "1,000", "1.000", "6.40x faster", "PASS");
        assertThat(new BenchMain.Row("x", 12_800, Double.NaN, 1_000).cells()[4]).isEqualTo("2.00x slower");
    }

    @Test
    void markdownTableNamesTheBaseline() throws Exception {
        BenchMain.Settings s = BenchMain.parse(new String[] {"interp"});
        String md = BenchMain.markdown(List.of(new BenchMain.Row("sumLoop", 900_000, 5_000, 300_003)), s, "test machine");
        assertThat(md).contains("uBPF interpreter, 6.4 ns/instruction on these machines (figure from the issue)")
                .contains("1 fork, 3 x 1 s warmup, 5 x 1 s measurement")
                .contains("| sumLoop | 900,000 ± 5,000 | 300,003 | 3.000 ± 0.017 | 2.13x faster | PASS |")
                .doesNotContain("noisy");
        String noisy = BenchMain.markdown(List.of(new BenchMain.Row("sumLoop", 900_000, 200_000, 300_003)), s, "test machine");
        assertThat(noisy).contains("Note: sumLoop is noisy (99.9% CI is ±22% of the score)");
    }
}
