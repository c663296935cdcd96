package dev.extos.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every memory-safe, terminating conformance program is accepted under the memory type; the rest are listed with why. */
class ConformanceTest {

    /** The conformance programs the verifier rejects, with (a substring of) the reason. */
    private static final Map<String, String> EXPECTED_REJECTIONS = new TreeMap<>(Map.of(
            // callx: the helper called is only known at run time.
            "callx", "callx (a call through a register) is not supported"));

    @Test
    void acceptsEveryMemorySafeTerminatingProgram() {
        Map<String, String> rejected = new TreeMap<>();
        List<Long> times = new ArrayList<>();
        int total = 0;
        for (ConformancePrograms.Case c : ConformancePrograms.all()) {
            Program p = Assembler.assemble(c.asm());
            total++;
            Verdict v = Verifier.verify(p, ProgramType.memory(c.memorySize()));
            times.add(v.stats().nanos());
            if (v instanceof Verdict.Rejected r) {
                rejected.put(c.name(), r.message());
            }
        }
        rejected.forEach((k, v) -> System.out.println("rejected " + k + ": " + v));
        times.sort(null);
        System.out.printf("conformance: %d programs, %d accepted, median verification time %.1f us, max %.1f us%n",
                total, total - rejected.size(), times.get(times.size() / 2) / 1e3, times.getLast() / 1e3);
        assertThat(rejected.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED_REJECTIONS.keySet());
        EXPECTED_REJECTIONS.forEach((name, reason) -> assertThat(rejected.get(name)).as(name).contains(reason));
    }
}
