package dev.extos.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The benchmark workloads check themselves; these tests check the checks. */
class WorkloadTest {

    @Test
    void sumLoopReturnsTheSumAndRunsThreeInstructionsPerIteration() {
        Workload w = Workload.sumLoop();
        assertThat(w.expectedResult()).isEqualTo(4_999_950_000L);
        assertThat(w.verify()).isEqualTo(300_003L);
    }

    @Test
    void countNewlinesScansSixtyFourKibOfLogWithAboutTwoPercentNewlines() {
        Workload w = Workload.countNewlines();
        assertThat(w.data()).hasSize(65_536);
        assertThat(w.newlineShare()).isBetween(0.015, 0.025);
        assertThat(w.verify()).isEqualTo(4L * 65_536 + w.expectedResult() + 3);
    }

    @Test
    void formulasHoldForTheSmallestInputs() {
        assertThat(new Workload("one", Workload.SUM_LOOP, new byte[8], 1, 0, 6).verify()).isEqualTo(6);
        byte[] newline = {'\n'};
        assertThat(new Workload("nl", Workload.COUNT_NEWLINES, newline, 1, 1, 4 + 1 + 3).verify()).isEqualTo(8);
    }

    @Test
    void aWrongFormulaOrResultStopsTheBenchmark() {
        Workload right = Workload.sumLoop();
        Workload wrongCount = new Workload("w", right.source(), right.data(), right.r2(), right.expectedResult(),
                right.expectedInstructions() + 1);
        assertThatThrownBy(wrongCount::verify).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("formula gives 300004").hasMessageContaining("counted 300003");
        Workload wrongResult = new Workload("w", right.source(), right.data(), right.r2(), 42, right.expectedInstructions());
        assertThatThrownBy(wrongResult::verify).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned 4999950000");
    }

    @Test
    void instrumentingCountsBeforeEachInstructionAndStoresTheCountAtExit() {
        String source = """
                    mov %r0, 0   # comment
                top: add %r0, 1
                    jlt %r0, 3, top
                    exit
                """;
        assertThat(Workload.instrument(source)).isEqualTo("""
                add %r9, 1
                mov %r0, 0
                top:
                add %r9, 1
                add %r0, 1
                add %r9, 1
                jlt %r0, 3, top
                add %r9, 1
                stxdw [%r10-8], %r9
                exit
                """);
    }

    @Test
    void instrumentingRefusesProgramsItWouldBreak() {
        assertThatThrownBy(() -> Workload.instrument("mov %r9, 1\nexit\n")).hasMessageContaining("r9");
        assertThatThrownBy(() -> Workload.instrument("jeq %r1, 0, +1\nmov %r0, 1\nexit\n")).hasMessageContaining("numeric offset");
        assertThatThrownBy(() -> Workload.instrument("ja -1\nexit\n")).hasMessageContaining("numeric offset");
    }
}
