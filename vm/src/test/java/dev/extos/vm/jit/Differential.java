package dev.extos.vm.jit;

import dev.extos.isa.ExtosException;
import dev.extos.isa.Program;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Engine;
import dev.extos.vm.Executable;
import dev.extos.vm.Helper;
import dev.extos.vm.HelperTable;
import dev.extos.vm.interp.Interpreter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Runs one program on the interpreter (the oracle) and on the JIT in identical fresh address
 * spaces (a writable data region, a read-only context) and compares everything observable: r0 or
 * the fault (type, pc and message), the data region and every stack frame afterwards.
 */
final class Differential {
    private Differential() {
    }

    /** A small budget so that a runaway program ends quickly, identically on both engines. */
    static final long BUDGET = 10_000;

    static final HelperTable HELPERS = HelperTable.of(
            new Helper(ProgramGenerator.MIX_HELPER, "mix", (m, a, b, c, d, e) -> Long.rotateLeft(a * 31 + (b ^ c), 7) - d * 7 + e),
            new Helper(ProgramGenerator.PEEK_HELPER, "peek", (m, a, b, c, d, e) -> m.load64(a) + b),
            new Helper(ProgramGenerator.POKE_HELPER, "poke", (m, a, b, c, d, e) -> {
                m.store64(a, b);
                return c;
            }));

    /** What a run left behind. */
    record Outcome(String result, byte[] data, byte[][] stacks) {
        String differenceFrom(Outcome other) {
            if (!result.equals(other.result)) {
                return "result: " + result + " vs " + other.result;
            }
            if (!Arrays.equals(data, other.data)) {
                return "data region differs";
            }
            for (int f = 0; f < stacks.length; f++) {
                if (!Arrays.equals(stacks[f], other.stacks[f])) {
                    return "stack frame " + f + " differs";
                }
            }
            return null;
        }
    }

    static Outcome run(Engine engine, Program program) {
        AddressSpace space = new AddressSpace();
        MemorySegment data = AddressSpace.allocate(ProgramGenerator.DATA_SIZE);
        for (int i = 0; i < ProgramGenerator.DATA_SIZE; i++) {
            data.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 37 + 11));
        }
        long base = space.mapData("data", data, true);
        MemorySegment context = AddressSpace.allocate(ProgramGenerator.CONTEXT_SIZE);
        for (int i = 0; i < ProgramGenerator.CONTEXT_SIZE; i++) {
            context.set(ValueLayout.JAVA_BYTE, i, (byte) (0xf0 - i * 13));
        }
        space.mapContext(context, false);
        String result;
        try {
            Executable executable = engine.load(program, HELPERS);
            result = "r0=0x" + Long.toHexString(executable.run(space, base, ProgramGenerator.DATA_SIZE));
        } catch (ExtosException e) {
            result = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        byte[][] stacks = new byte[AddressSpace.MAX_FRAMES][];
        for (int f = 0; f < AddressSpace.MAX_FRAMES; f++) {
            stacks[f] = space.segment(AddressSpace.base(AddressSpace.FIRST_STACK_REGION + f)).toArray(ValueLayout.JAVA_BYTE);
        }
        return new Outcome(result, data.toArray(ValueLayout.JAVA_BYTE), stacks);
    }

    /** The interpreter's outcome, and how the JIT's differs from it (null when it does not). */
    record Comparison(Outcome oracle, String difference) {
    }

    /**
     * The JIT as shipped, and split into chunks of one or of a few instructions (alternately, by
     * program), so that control transfers between chunks are exercised on half the programs each.
     */
    private static final JitCompiler JIT = new JitCompiler(BUDGET);
    private static final JitCompiler[] SPLIT = {new JitCompiler(BUDGET, 1, true), new JitCompiler(BUDGET, 1300, true)};

    static Comparison compare(Program program, long seed) {
        Outcome expected = run(new Interpreter(BUDGET), program);
        String difference = run(JIT, program).differenceFrom(expected);
        if (difference != null) {
            return new Comparison(expected, "jit: " + difference);
        }
        int k = (int) (seed & 1);
        difference = run(SPLIT[k], program).differenceFrom(expected);
        return new Comparison(expected, difference == null ? null : "jit split " + (k == 0 ? "1" : "~5") + ": " + difference);
    }

    /** Compares with both split variants. */
    static Comparison compare(Program program) {
        Comparison c = compare(program, 0);
        return c.difference() != null ? c : compare(program, 1);
    }
}
