package dev.extos.vm.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Disassembler;
import dev.extos.vm.LoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing with the interpreter as oracle: 2,000 random programs per normal run;
 * {@code -Dextos.fuzz.count=N -Dextos.fuzz.seed=S} for long runs. Program i uses seed S + i, so
 * any mismatch reproduces alone; each is also saved as assembly under the test resources'
 * {@code regressions} folder, which {@link RegressionTest} replays on every run.
 */
class DifferentialFuzzTest {
    static final Path REGRESSIONS = Path.of("src/test/resources/dev/extos/vm/jit/regressions");

    @Test
    void theJitAgreesWithTheInterpreterOnRandomPrograms() {
        int count = Integer.getInteger("extos.fuzz.count", 2000);
        long seed = Long.getLong("extos.fuzz.seed", 0x5eed_2026L);
        List<String> mismatches = new ArrayList<>();
        int faults = 0;
        int compiled = 0;
        long instructions = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            long s = seed + i;
            Program program = new ProgramGenerator(s).next();
            instructions += program.instructions().size();
            Differential.Comparison c;
            try {
                c = Differential.compare(program, s);
            } catch (RuntimeException | Error e) {
                c = new Differential.Comparison(null, "crashed: " + e);
            }
            if (c.oracle() != null && !c.oracle().result().startsWith("r0=")) {
                faults++;
                reasons.merge(kind(c.oracle().result()), 1, Integer::sum);
            }
            if (compiles(program)) {
                compiled++;
            }
            if (c.difference() != null) {
                mismatches.add("seed " + s + ": " + c.difference());
                save(s, program);
            }
        }
        System.out.printf("differential fuzz: %d programs (%d instructions, %d compiled, %d ending in a fault), seed %d: %d mismatches%n",
                count, instructions, compiled, faults, seed, mismatches.size());
        System.out.println("  faults by kind: " + reasons);
        assertThat(mismatches).isEmpty();
    }

    /** The kind of a fault: its reason without the numbers. */
    private static String kind(String result) {
        int colon = result.indexOf("): ");
        String reason = colon >= 0 ? result.substring(colon + 3) : result;
        return reason.replaceAll("0x[0-9a-f]+|[0-9]+", "N").replaceAll(" \\(.*", "");
    }

    private static boolean compiles(Program program) {
        try {
            return new JitCompiler(Differential.BUDGET).compile(program, Differential.HELPERS).compiled();
        } catch (LoadException e) {
            return false;
        }
    }

    private static void save(long seed, Program program) {
        if (!Files.isDirectory(REGRESSIONS)) {
            return; // not running in the module directory: the failure message still names the seed
        }
        try {
            Files.writeString(REGRESSIONS.resolve("fuzz-" + seed + ".asm"), Disassembler.disassemble(program));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
