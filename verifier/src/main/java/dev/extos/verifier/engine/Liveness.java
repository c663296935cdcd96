package dev.extos.verifier.engine;

import static dev.extos.verifier.engine.BackwardFlow.ALL;
import static dev.extos.verifier.engine.BackwardFlow.ARGUMENTS;
import static dev.extos.verifier.engine.BackwardFlow.CLOBBERED;
import static dev.extos.verifier.engine.BackwardFlow.bit;
import static dev.extos.verifier.engine.BackwardFlow.use;

import dev.extos.isa.AtomicOp;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.Program;

/**
 * Which registers of the current function may still be read, at each instruction, before being
 * written: the classic backward data flow over the control-flow graph, computed once per
 * program. A register that is dead at a prune point cannot influence anything that follows, so
 * states that differ only there are the same state for pruning, which keeps paths that merely
 * wrote different scratch values from multiplying. Calls read r1-r5 and clobber r0-r5; an exit
 * reads r0; instructions the engines refuse count as reading every register.
 */
final class Liveness {
    private static final int FRAME_POINTER = 1 << 10;  // r10: never written, so always kept

    private Liveness() {
    }

    /** Per slot, the bit set (bit n = rn) of registers live on entry to the instruction starting there. */
    static int[] of(Program program) {
        return BackwardFlow.solve(program, (insn, after) -> transfer(insn, after) | FRAME_POINTER);
    }

    private static int transfer(Instruction insn, int out) {
        return switch (insn) {
            case Alu a -> a.op() == dev.extos.isa.AluOp.MOV
                    ? (out & ~bit(a.dst())) | use(a.src())
                    : out | bit(a.dst()) | use(a.src());
            case Neg n -> out | bit(n.dst());
            case ByteSwap s -> out | bit(s.dst());
            case MovSx m -> (out & ~bit(m.dst())) | bit(m.src());
            case LoadImm64 l -> out & ~bit(l.dst());
            case Load l -> (out & ~bit(l.dst())) | bit(l.src());
            case Store s -> out | bit(s.dst()) | use(s.src());
            case Atomic a -> out | bit(a.dst()) | bit(a.src()) | (a.op() == AtomicOp.CMPXCHG ? 1 : 0);
            case Jump j -> out | bit(j.dst()) | use(j.src());
            case Goto g -> out;
            case Call c -> (out & ~CLOBBERED) | ARGUMENTS;
            case CallLocal c -> (out & ~CLOBBERED) | ARGUMENTS;
            case Exit e -> 1;
            case CallRegister c -> ALL;
            case CallKfunc c -> ALL;
            case PacketLoad p -> ALL;
        };
    }
}
