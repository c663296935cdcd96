package dev.extos.vm.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.asm.Assembler;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every program in the regressions folder (fuzz findings and hand-written edge cases,
 * as assembly) through the differential comparison; {@code verified-*.asm} through the verified path.
 */
class RegressionTest {

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(RegressionTest.class.getResource("regressions").toURI());
        return Files.list(dir).filter(p -> p.toString().endsWith(".asm")).sorted().toList().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theJitAgreesWithTheInterpreter(Path file) throws IOException {
        if (file.getFileName().toString().startsWith("verified-")) {
            // A finding of the verified-path fuzzer: compiled with the verifier's facts.
            assertThat(VerifiedDifferentialFuzzTest.difference(Files.readString(file))).as(file.getFileName().toString()).isNull();
            return;
        }
        Differential.Comparison c = Differential.compare(Assembler.assemble(Files.readString(file)));
        assertThat(c.difference()).as(file.getFileName() + " (interpreter: " + c.oracle().result() + ")").isNull();
    }
}
