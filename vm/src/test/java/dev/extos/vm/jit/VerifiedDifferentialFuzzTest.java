package dev.extos.vm.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.ExtosException;
import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.VerifiedProgram;
import dev.extos.verifier.Verifier;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Executable;
import dev.extos.vm.Helper;
import dev.extos.vm.HelperTable;
import dev.extos.vm.interp.Interpreter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the verified path: programs the verifier accepts under the memory type
 * run on the interpreter (the oracle, plain program) and on the JIT compiled with the verifier's
 * facts (direct access). Each pair runs three times in the same address space, remapping the
 * buffer between runs as the IO layer does: as verified, then shorter and then read-only than
 * the verifier assumed, so that direct accesses fault and must raise the interpreter's exact
 * fault. r0 or the fault, the buffer and every stack frame must match after each run.
 * 1,000 programs per normal run; {@code -Dextos.fuzz.verified.count=N -Dextos.fuzz.seed=S} for
 * long runs. Mismatches are saved under the regressions folder as {@code verified-SEED.asm}.
 */
class VerifiedDifferentialFuzzTest {
    static final HelperTable HELPERS = HelperTable.of(
            new Helper(VerifiableProgramGenerator.SCALAR_HELPER, "get_smp_processor_id", (m, a, b, c, d, e) -> 3));

    @Test
    void theJitWithFactsAgreesWithTheInterpreter() {
        int count = Integer.getInteger("extos.fuzz.verified.count", 1000);
        long seed = Long.getLong("extos.fuzz.seed", 0x5eed_2026L);
        List<String> mismatches = new ArrayList<>();
        int accepted = 0;
        int faultingRuns = 0;
        for (int i = 0; i < count; i++) {
            long s = seed + i;
            String asm = new VerifiableProgramGenerator(s).next();
            Program program = Assembler.assemble(asm);
            if (!(Verifier.verify(program, ProgramType.memory(VerifiableProgramGenerator.MEMORY_SIZE)) instanceof Verdict.Accepted a)) {
                continue;
            }
            accepted++;
            String difference;
            try {
                List<String> oracle = runs(new Interpreter(Differential.BUDGET).load(program, HELPERS));
                faultingRuns += (int) oracle.stream().filter(r -> r.contains("Fault")).count();
                difference = difference(oracle, a.program());
            } catch (RuntimeException | Error e) {
                difference = "crashed: " + e;
            }
            if (difference != null) {
                mismatches.add("seed " + s + ": " + difference);
                save(s, asm);
            }
        }
        System.out.printf("verified differential fuzz: %d programs, %d accepted, %d of %d runs ending in a fault, seed %d: %d mismatches%n",
                count, accepted, faultingRuns, accepted * 3, seed, mismatches.size());
        assertThat(mismatches).isEmpty();
        assertThat(accepted).as("the generator must mostly produce programs the verifier accepts").isGreaterThan(count / 2);
        assertThat(faultingRuns).as("the shrunk and read-only runs must exercise faults").isGreaterThan(accepted / 4);
    }

    /**
     * How the JIT with facts differs from the interpreter on {@code asm} (null when it does not),
     * or a message saying the verifier rejected it. For replaying saved regressions.
     */
    static String difference(String asm) {
        Program program = Assembler.assemble(asm);
        if (!(Verifier.verify(program, ProgramType.memory(VerifiableProgramGenerator.MEMORY_SIZE)) instanceof Verdict.Accepted a)) {
            return "rejected by the verifier";
        }
        return difference(runs(new Interpreter(Differential.BUDGET).load(program, HELPERS)), a.program());
    }

    /**
     * Three JITs: with the harness's small budget, counted as the interpreter counts it; with the
     * default limit, where verified code keeps no budget (the generated loops are far shorter);
     * and split into chunks of a few instructions, each fetching its segments on entry.
     */
    private static String difference(List<String> oracle, VerifiedProgram verified) {
        for (JitCompiler jit : new JitCompiler[] {new JitCompiler(Differential.BUDGET), new JitCompiler(),
                new JitCompiler(Differential.BUDGET, 1300, true)}) {
            List<String> runs = runs(jit.load(verified, HELPERS));
            if (!oracle.equals(runs)) {
                return "interpreter " + oracle + "\n  jit " + runs;
            }
        }
        return null;
    }

    /** The three runs of one executable in one address space, each described by its result and memory afterwards. */
    private static List<String> runs(Executable executable) {
        AddressSpace space = new AddressSpace();
        MemorySegment full = pattern(VerifiableProgramGenerator.MEMORY_SIZE, 11);
        long base = space.mapData("memory", full, true);
        List<String> out = new ArrayList<>();
        out.add(run(executable, space, base, full));
        MemorySegment shorter = pattern(VerifiableProgramGenerator.MEMORY_SIZE / 2, 29);
        space.remap(base, shorter);
        out.add(run(executable, space, base, shorter));
        MemorySegment readOnly = pattern(VerifiableProgramGenerator.MEMORY_SIZE, 53);
        space.remap(base, readOnly.asReadOnly());
        out.add(run(executable, space, base, readOnly));
        return out;
    }

    private static String run(Executable executable, AddressSpace space, long base, MemorySegment buffer) {
        String result;
        try {
            result = "r0=0x" + Long.toHexString(executable.run(space, base, VerifiableProgramGenerator.MEMORY_SIZE));
        } catch (ExtosException e) {
            result = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        StringBuilder out = new StringBuilder(result).append(" memory ").append(Arrays.toString(buffer.toArray(ValueLayout.JAVA_BYTE)));
        for (int f = 0; f < AddressSpace.MAX_FRAMES; f++) {
            out.append(" frame").append(f).append(' ').append(Arrays.hashCode(
                    space.segment(AddressSpace.base(AddressSpace.FIRST_STACK_REGION + f)).toArray(ValueLayout.JAVA_BYTE)));
        }
        return out.toString();
    }

    private static MemorySegment pattern(int size, int seed) {
        MemorySegment s = AddressSpace.allocate(size);
        for (int i = 0; i < size; i++) {
            s.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 37 + seed));
        }
        return s;
    }

    private static void save(long seed, String asm) {
        Path dir = DifferentialFuzzTest.REGRESSIONS;
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.writeString(dir.resolve("verified-" + seed + ".asm"), asm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
