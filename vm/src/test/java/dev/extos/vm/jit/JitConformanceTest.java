package dev.extos.vm.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.vm.Engine;
import dev.extos.vm.HelperTable;
import dev.extos.vm.conformance.ConformanceCase;
import dev.extos.vm.conformance.ConformanceContract;
import dev.extos.vm.conformance.ConformanceOutcome;
import dev.extos.vm.conformance.ConformanceRunner;
import dev.extos.vm.conformance.ConformanceSuite;
import dev.extos.vm.interp.Interpreter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the bpf_conformance suite on the JIT, plus the JIT's own paths through it. */
class JitConformanceTest extends ConformanceContract {
    /** Every function cut into one-instruction chunks: the dispatcher path on every instruction kind. */
    private final ConformanceRunner splitRunner = new ConformanceRunner(
            new JitCompiler(Interpreter.DEFAULT_BACKWARD_JUMP_LIMIT, 1, true));

    @Override
    protected Engine engine() {
        return new JitCompiler();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.extos.vm.conformance.ConformanceContract#positive")
    void passesWhenSplitIntoChunks(Path file) {
        ConformanceOutcome outcome = splitRunner.run(ConformanceCase.read(file));
        assertThat(outcome.passed()).as(outcome.describe()).isTrue();
    }

    @Test
    void everyPositiveCaseIsCompiledNotInterpreted() {
        List<String> interpreted = ConformanceSuite.positiveCases().stream()
                .map(ConformanceCase::read)
                .filter(c -> c.error().isEmpty())
                .filter(c -> !new JitCompiler().compile(ConformanceRunner.program(c), HelperTable.standard()).compiled())
                .map(ConformanceCase::name)
                .toList();
        assertThat(interpreted).isEmpty();
    }
}
