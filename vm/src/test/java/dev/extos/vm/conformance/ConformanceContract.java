package dev.extos.vm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.vm.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the bpf_conformance suite on one engine; each engine's test supplies the engine. */
public abstract class ConformanceContract {
    /** The runner over the engine under test. */
    protected final ConformanceRunner runner = new ConformanceRunner(engine());

    /** The engine under test. */
    protected abstract Engine engine();

    static Stream<Path> positive() {
        return ConformanceSuite.positiveCases().stream();
    }

    static Stream<Path> negative() {
        return ConformanceSuite.negativeCases().stream();
    }

    @Test
    void theWholeSuiteIsThere() {
        assertThat(ConformanceSuite.positiveCases()).hasSize(313);
        assertThat(ConformanceSuite.negativeCases()).hasSizeGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.extos.vm.conformance.ConformanceContract#positive")
    void passes(Path file) {
        ConformanceOutcome outcome = runner.run(ConformanceCase.read(file));
        assertThat(outcome.passed()).as(outcome.describe()).isTrue();
    }

    /**
     * A negative case is rejected when its file does not parse, or its program does not
     * assemble, decode or load, or when it runs but does not give what the file claims (a wrong
     * result, or success where the file says an error must happen).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.extos.vm.conformance.ConformanceContract#negative")
    void rejects(Path file) {
        ConformanceCase c;
        try {
            c = ConformanceCase.read(file);
        } catch (ConformanceCase.ConformanceFormatException e) {
            return; // rejected: the file itself is malformed
        }
        ConformanceOutcome outcome = runner.run(c);
        assertThat(outcome.isRejection()).as(outcome.describe()).isTrue();
    }

    @Test
    void listsNoUnexpectedFailures() {
        List<String> failures = ConformanceSuite.positiveCases().stream()
                .map(p -> runner.run(ConformanceCase.read(p)))
                .filter(o -> !o.passed())
                .map(ConformanceOutcome::describe)
                .toList();
        assertThat(failures).isEmpty();
    }
}
