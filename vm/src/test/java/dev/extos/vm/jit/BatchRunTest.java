package dev.extos.vm.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.ExtosException;
import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.Verifier;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.BatchSetup;
import dev.extos.vm.Executable;
import dev.extos.vm.interp.Interpreter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JIT's batch loop ({@code runBatch}, the program's body a second time inside a loop) gives
 * what the interpreter gives run by run: the host rewrites the buffer before each run, and r0 of
 * every run, the run that faults (with the same message) and the memory afterwards must match.
 * 300 generated programs per normal run; {@code -Dextos.fuzz.batch.count=N -Dextos.fuzz.seed=S} for more.
 */
class BatchRunTest {
    private static final int RUNS = 5;

    @Test
    void aBatchRunsLikeOneRunAfterAnother() {
        int count = Integer.getInteger("extos.fuzz.batch.count", 300);
        long seed = Long.getLong("extos.fuzz.seed", 0xba7c_2026L);
        List<String> mismatches = new ArrayList<>();
        int accepted = 0;
        int withLoop = 0;
        int faulted = 0;
        for (int i = 0; i < count; i++) {
            String asm = new VerifiableProgramGenerator(seed + i).next();
            Program program = Assembler.assemble(asm);
            if (!(Verifier.verify(program, ProgramType.memory(VerifiableProgramGenerator.MEMORY_SIZE)) instanceof Verdict.Accepted a)) {
                continue;
            }
            accepted++;
            // Every other program sees its buffer read-only, as a read filter sees a file: stores fault.
            boolean readOnly = i % 2 == 1;
            List<String> oracle = oneByOne(new Interpreter(Differential.BUDGET).load(program, VerifiedDifferentialFuzzTest.HELPERS),
                    readOnly);
            faulted += oracle.stream().anyMatch(r -> r.contains("Fault")) ? 1 : 0;
            Executable jit = new JitCompiler().load(a.program(), VerifiedDifferentialFuzzTest.HELPERS);
            withLoop += declaresBatch(jit) ? 1 : 0;
            List<String> batch = batch(jit, readOnly);
            if (!oracle.equals(batch)) {
                mismatches.add("seed " + (seed + i) + ":\n  interpreter " + oracle + "\n  jit batch   " + batch);
            }
        }
        System.out.printf("batch runs: %d programs, %d accepted, %d with the batch loop, %d faulting: %d mismatches%n",
                count, accepted, withLoop, faulted, mismatches.size());
        assertThat(mismatches).isEmpty();
        assertThat(withLoop).as("most generated programs have no local calls, so the JIT writes their batch loop")
                .isGreaterThan(accepted / 2);
        assertThat(faulted).as("some batches must end in a fault").isPositive();
    }

    @Test
    void theInterpreterUsesTheDefaultBatchAndTheJitItsOwn() throws ReflectiveOperationException {
        Program p = Assembler.assemble("mov %r0, %r1\nexit\n");
        assertThat(declaresBatch(new Interpreter().load(p, VerifiedDifferentialFuzzTest.HELPERS))).isFalse();
        assertThat(declaresBatch(new JitCompiler().load(p, VerifiedDifferentialFuzzTest.HELPERS))).isTrue();
        long[] results = new long[3];
        new JitCompiler().load(p, VerifiedDifferentialFuzzTest.HELPERS).runBatch(new AddressSpace(), 42, 3, k -> { }, results);
        assertThat(results).containsExactly(42, 42, 42);
    }

    private static boolean declaresBatch(Executable e) {
        return Arrays.stream(e.getClass().getDeclaredMethods()).anyMatch(m -> m.getName().equals("runBatch"));
    }

    /** Each run of the interpreter: the buffer rewritten for run k, then run; a fault ends the list. */
    private static List<String> oneByOne(Executable e, boolean readOnly) {
        AddressSpace space = new AddressSpace();
        MemorySegment buffer = AddressSpace.allocate(VerifiableProgramGenerator.MEMORY_SIZE);
        long base = space.mapData("memory", readOnly ? buffer.asReadOnly() : buffer, !readOnly);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < RUNS; k++) {
            fill(buffer, k);
            try {
                out.add("r0=0x" + Long.toHexString(e.run(space, base, 0)));
            } catch (ExtosException fault) {
                out.add(k + ": " + fault.getClass().getSimpleName() + ": " + fault.getMessage());
                break;
            }
        }
        out.add(Arrays.toString(buffer.toArray(ValueLayout.JAVA_BYTE)));
        return out;
    }

    /** The same through one runBatch call; the last run prepared is the one that faulted. */
    private static List<String> batch(Executable e, boolean readOnly) {
        AddressSpace space = new AddressSpace();
        MemorySegment buffer = AddressSpace.allocate(VerifiableProgramGenerator.MEMORY_SIZE);
        long base = space.mapData("memory", readOnly ? buffer.asReadOnly() : buffer, !readOnly);
        long[] results = new long[RUNS];
        int[] last = {-1};
        BatchSetup setup = k -> {
            last[0] = k;
            fill(buffer, k);
        };
        List<String> out = new ArrayList<>();
        try {
            e.runBatch(space, base, RUNS, setup, results);
            for (int k = 0; k < RUNS; k++) {
                out.add("r0=0x" + Long.toHexString(results[k]));
            }
        } catch (ExtosException fault) {
            for (int k = 0; k < last[0]; k++) {
                out.add("r0=0x" + Long.toHexString(results[k]));
            }
            out.add(last[0] + ": " + fault.getClass().getSimpleName() + ": " + fault.getMessage());
        }
        out.add(Arrays.toString(buffer.toArray(ValueLayout.JAVA_BYTE)));
        return out;
    }

    private static void fill(MemorySegment buffer, int k) {
        for (int i = 0; i < buffer.byteSize(); i++) {
            buffer.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 31 + k * 77 + 5));
        }
    }
}
