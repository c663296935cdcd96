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
    private static final int MAP_PROGRAMS = Integer.getInteger("extos.soundness.mapPrograms", 3000);

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
    void acceptedMapProgramsNeverFault() {
        MapProgramGenerator gen = new MapProgramGenerator(SEED);
        Random inputs = new Random(SEED + 2);
        int accepted = 0;
        int rejectedFaulting = 0;
        int runs = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < MAP_PROGRAMS; i++) {
            String asm = gen.next();
            Program p = Assembler.assemble(asm);
            Verdict v = Verifier.verify(p, ProgramType.xdp(), MapProgramGenerator.MAPS, VerifierOptions.DEFAULT);
            if (!(v instanceof Verdict.Accepted)) {
                if (faults(p, inputs)) {
                    rejectedFaulting++;
                }
                continue;
            }
            accepted++;
            for (int run = 0; run < 20; run++) {
                byte[] buf = new byte[inputs.nextInt(64)];
                inputs.nextBytes(buf);
                long[] ctx = {inputs.nextInt(), inputs.nextInt(), inputs.nextInt()};
                try {
                    runs++;
                    ConcreteRunner.xdp(p, buf, ctx, MapProgramGenerator.MAPS, inputs.nextLong()).run(2_000_000);
                } catch (ConcreteRunner.Fault f) {
                    failures.add("seed " + SEED + " map program " + i + ": " + f.getMessage() + "\n" + asm);
                    break;
                }
            }
        }
        System.out.printf("map soundness: %d programs generated, %d accepted, %d runs, %d faults; %d rejected programs fault when run%n",
                MAP_PROGRAMS, accepted, runs, failures.size(), rejectedFaulting);
        assertThat(failures).isEmpty();
        assertThat(accepted).as("the generator must produce accepted programs too").isGreaterThan(MAP_PROGRAMS / 10);
        assertThat(accepted).as("and rejected ones").isLessThan(MAP_PROGRAMS * 9 / 10);
        assertThat(rejectedFaulting).as("the runner catches the faults the verifier guards against").isGreaterThan(MAP_PROGRAMS / 20);
    }

    /** Whether a (rejected) map program faults on one of a few random inputs. */
    private static boolean faults(Program p, Random inputs) {
        for (int run = 0; run < 5; run++) {
            byte[] buf = new byte[inputs.nextInt(64)];
            inputs.nextBytes(buf);
            try {
                ConcreteRunner.xdp(p, buf, new long[] {inputs.nextInt(), inputs.nextInt(), inputs.nextInt()}, MapProgramGenerator.MAPS,
                        inputs.nextLong()).run(2_000_000);
            } catch (ConcreteRunner.Fault f) {
                return true;
            }
        }
        return false;
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
