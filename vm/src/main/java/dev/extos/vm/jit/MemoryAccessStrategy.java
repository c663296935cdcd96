package dev.extos.vm.jit;

import dev.extos.isa.AtomicOp;
import dev.extos.isa.Operand;
import dev.extos.isa.Reg;
import dev.extos.isa.Size;

/**
 * How generated code reaches program memory. Phase 1 has one strategy, {@link CheckedMemoryAccess},
 * which decodes every address through the {@link dev.extos.vm.AddressSpace}; once the verifier
 * records which region each instruction touches, a strategy that emits a direct access to that
 * region's segment plugs in here, instruction by instruction, without touching the emitters.
 */
interface MemoryAccessStrategy {
    /** Leaves the zero-extended {@code size}-byte value at {@code base + offset} on the stack (a long). */
    void load(EmitContext cx, int pc, Size size, Reg base, int offset);

    /** Writes the low {@code size} bytes of {@code value} at {@code base + offset}. */
    void store(EmitContext cx, int pc, Size size, Reg base, int offset, Operand value);

    /**
     * Combines the value at {@code base + offset} atomically with {@code value} (cmpxchg: replaces
     * it with {@code value} if it equals r0) and leaves the old value, zero-extended, on the stack.
     */
    void atomic(EmitContext cx, int pc, AtomicOp op, Size size, Reg base, int offset, Reg value);
}
