package dev.extos.vm.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.vm.conformance.ConformanceCase;
import dev.extos.vm.conformance.ConformanceOutcome;
import dev.extos.vm.conformance.ConformanceRunner;
import dev.extos.vm.conformance.ConformanceSuite;
import dev.extos.vm.interp.Interpreter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the bpf_conformance suite on the JIT, as InterpreterConformanceTest runs it on the interpreter. */
class JitConformanceTest {
    private final ConformanceRunner runner = new ConformanceRunner(new JitCompiler());
    /** Every function cut into one-instruction chunks: the dispatcher path on every instruction kind. */
    private final ConformanceRunner splitRunner = new ConformanceRunner(
            new JitCompiler(Interpreter.DEFAULT_BACKWARD_JUMP_LIMIT, 1, true));

    static Stream<Path> positive() {
        return ConformanceSuite.positiveCases().stream();
    }

    static Stream<Path> negative() {
        return ConformanceSuite.negativeCases().stream();
    }

    @Test
    void theWholeSuiteIsThere() {
        assertThat(ConformanceSuite.positiveCases()).hasSize(313);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positive")
    void passes(Path file) {
        ConformanceOutcome outcome = runner.run(ConformanceCase.read(file));
        assertThat(outcome.passed()).as(outcome.describe()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positive")
    void passesWhenSplitIntoChunks(Path file) {
        ConformanceOutcome outcome = splitRunner.run(ConformanceCase.read(file));
        assertThat(outcome.passed()).as(outcome.describe()).isTrue();
    }

    /** Rejected: malformed, or runs without giving what the file claims (see InterpreterConformanceTest). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("negative")
    void rejects(Path file) {
        ConformanceCase c;
        try {
            c = ConformanceCase.read(file);
        } catch (ConformanceCase.ConformanceFormatException e) {
            return;
        }
        ConformanceOutcome outcome = runner.run(c);
        assertThat(outcome.isRejection()).as(outcome.describe()).isTrue();
    }

    @Test
    void everyPositiveCaseIsCompiledNotInterpreted() {
        List<String> interpreted = ConformanceSuite.positiveCases().stream()
                .map(p -> ConformanceCase.read(p))
                .filter(c -> c.error().isEmpty())
                .filter(c -> !new JitCompiler().compile(ConformanceRunner.program(c), dev.extos.vm.HelperTable.standard()).compiled())
                .map(ConformanceCase::name)
                .toList();
        assertThat(interpreted).isEmpty();
    }
}
