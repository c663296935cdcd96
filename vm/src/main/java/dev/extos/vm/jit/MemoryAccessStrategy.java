package dev.extos.vm.jit;

import dev.extos.isa.AtomicOp;
import dev.extos.isa.Operand;
import dev.extos.isa.Reg;
import dev.extos.isa.Size;

/**
 * How generated code reaches program memory: {@link CheckedMemoryAccess} decodes every address
 * through the {@link dev.extos.vm.AddressSpace}; for a verified program, {@link DirectMemoryAccess}
 * uses the verifier's facts to access each instruction's region segment directly.
 */
interface MemoryAccessStrategy {
    /** Emitted at the start of every method (function or chunk), before its first instruction: e.g. fetching segments. */
    default void prologue(EmitContext cx) {
    }


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
