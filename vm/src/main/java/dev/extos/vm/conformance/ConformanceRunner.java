package dev.extos.vm.conformance;

import dev.extos.isa.ExtosException;
import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Engine;
import dev.extos.vm.HelperTable;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Runs conformance cases on an engine the way the suite's own runner does: r1 points to the
 * case's memory and r2 holds its length (both 0 without memory), helpers are the standard ones,
 * and the case passes when r0 matches, or when an error was expected and one happened (while
 * assembling, decoding, loading or running).
 */
public final class ConformanceRunner {
    private final Engine engine;
    private final HelperTable helpers;

    public ConformanceRunner(Engine engine) {
        this(engine, HelperTable.standard());
    }

    public ConformanceRunner(Engine engine, HelperTable helpers) {
        this.engine = engine;
        this.helpers = helpers;
    }

    /** The case's program: the assembly if present (checked against the raw words when both are given). */
    public static Program program(ConformanceCase c) {
        if (c.asm().isPresent()) {
            Program p = Assembler.assemble(c.asm().get());
            if (c.raw().isPresent() && !Arrays.equals(p.encode(), c.raw().get())) {
                throw new ExtosException("the '-- asm' and '-- raw' sections encode different programs");
            }
            return p;
        }
        return Program.decode(c.raw().orElseThrow());
    }

    /** Runs one case. */
    public ConformanceOutcome run(ConformanceCase c) {
        String expected = c.error().map(e -> "error: " + (e.isEmpty() ? "(any)" : e))
                .orElseGet(() -> hex(c.result().orElseThrow()));
        try {
            long r0 = execute(c);
            boolean passed = c.error().isEmpty() && c.result().orElseThrow() == r0;
            return new ConformanceOutcome(c.name(), passed, expected, hex(r0));
        } catch (ExtosException e) {
            return new ConformanceOutcome(c.name(), c.error().isPresent(), expected, "error: " + e.getMessage());
        }
    }

    private long execute(ConformanceCase c) {
        Program program = program(c);
        AddressSpace memory = new AddressSpace();
        long r1 = 0;
        long r2 = 0;
        if (c.memory().isPresent()) {
            byte[] bytes = c.memory().get();
            MemorySegment segment = AddressSpace.allocate(bytes.length);
            segment.copyFrom(MemorySegment.ofArray(bytes));
            r1 = memory.mapData("memory", segment, true);
            r2 = bytes.length;
        }
        return engine.load(program, helpers).run(memory, r1, r2);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
