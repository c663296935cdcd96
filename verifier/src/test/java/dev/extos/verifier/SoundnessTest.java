package dev.extos.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Soundness by execution: every generated program the verifier accepts runs on random inputs
 * with no memory fault, no read of anything unwritten, and terminates. Conformance programs
 * accepted under their memory size run the same way.
 */
class SoundnessTest {
    private static final int PROGRAMS = Integer.getInteger("extos.soundness.programs", 3000);
    private static final long SEED = Long.getLong("extos.soundness.seed", 20261130L);

    @Test
    void acceptedGeneratedProgramsNeverFault() {
        ProgramGenerator gen = new ProgramGenerator(SEED);
        Random inputs = new Random(SEED + 1);
        int accepted = 0;
        int runs = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < PROGRAMS; i++) {
            String asm = gen.next();
            Program p = Assembler.assemble(asm);
            Verdict v = Verifier.verify(p, ProgramType.xdp());
            if (!(v instanceof Verdict.Accepted)) {
                continue;
            }
            accepted++;
            for (int run = 0; run < 20; run++) {
                int len = run == 0 ? 0 : inputs.nextInt(80);
                byte[] buf = new byte[len];
                inputs.nextBytes(buf);
                long[] ctx = {inputs.nextInt(), run % 3 == 0 ? inputs.nextInt(8) : inputs.nextInt(), inputs.nextInt()};
                try {
                    runs++;
                    ConcreteRunner.xdp(p, buf, 0, ctx).run(2_000_000);
                } catch (ConcreteRunner.Fault f) {
                    failures.add("seed " + SEED + " program " + i + " (len " + len + "): " + f.getMessage() + "\n" + asm);
                    break;
                }
            }
        }
        System.out.printf("soundness: %d programs generated, %d accepted, %d runs, %d faults%n", PROGRAMS, accepted, runs, failures.size());
        assertThat(failures).isEmpty();
        assertThat(accepted).as("the generator must produce accepted programs too").isGreaterThan(PROGRAMS / 10);
    }

    @Test
    void acceptedConformanceProgramsNeverFault() {
        List<String> failures = new ArrayList<>();
        Random random = new Random(3);
        for (ConformancePrograms.Case c : ConformancePrograms.all()) {
            Program p = Assembler.assemble(c.asm());
            if (!(Verifier.verify(p, ProgramType.memory(c.memorySize())) instanceof Verdict.Accepted)) {
                continue;
            }
            for (int run = 0; run < 5; run++) {
                byte[] mem = new byte[c.memorySize()];
                random.nextBytes(mem);
                try {
                    ConcreteRunner.memory(p, mem).run(10_000_000);
                } catch (ConcreteRunner.Fault f) {
                    failures.add(c.name() + ": " + f.getMessage());
                    break;
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
