package dev.extos.verifier.engine;

import static dev.extos.verifier.engine.BackwardFlow.ALL;
import static dev.extos.verifier.engine.BackwardFlow.ARGUMENTS;
import static dev.extos.verifier.engine.BackwardFlow.CLOBBERED;
import static dev.extos.verifier.engine.BackwardFlow.bit;
import static dev.extos.verifier.engine.BackwardFlow.use;

import dev.extos.isa.AluOp;
import dev.extos.isa.AtomicOp;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.Program;

/**
 * Which registers, at each instruction, may still hold a value whose exact range matters to a
 * safety check: a backward data flow like {@link Liveness}, but counting only the uses where the
 * verifier needs to know a value (branch conditions, memory bases, stored values, helper
 * arguments, pointer arithmetic, the return value when the hook limits it) and following values
 * back through the moves and arithmetic that produce them. A scalar that is live but not relevant
 * (a count that only ends up in r0, say) can be widened to "any value" at a prune point without
 * changing any verdict, which lets the states of a loop's iterations merge instead of being
 * enumerated value by value: the static form of the kernel's precision tracking.
 */
final class Relevance {

    private Relevance() {
    }

    /**
     * Per slot, the bit set of registers relevant on entry to the instruction starting there.
     * {@code returnChecked}: whether r0's value at an exit is checked (a hook with a limited
     * return range, or a subprogram whose r0 goes back to its caller).
     */
    static int[] of(Program program, boolean returnChecked) {
        return BackwardFlow.solve(program, (insn, after) -> transfer(insn, after, returnChecked));
    }

    private static int transfer(Instruction insn, int out, boolean returnChecked) {
        return switch (insn) {
            case Alu a when a.op() == AluOp.MOV -> (out & bit(a.dst())) != 0
                    ? (out & ~bit(a.dst())) | use(a.src())
                    : out & ~bit(a.dst());
            // dst = dst op src: when the result matters, both operands do (a pointer's offset among them).
            case Alu a -> (out & bit(a.dst())) != 0 ? out | use(a.src()) : out & ~bit(a.dst());
            case Neg n -> out;
            case ByteSwap s -> out;
            case MovSx m -> (out & bit(m.dst())) != 0 ? (out & ~bit(m.dst())) | bit(m.src()) : out & ~bit(m.dst());
            case LoadImm64 l -> out & ~bit(l.dst());
            case Load l -> (out & ~bit(l.dst())) | bit(l.src());
            case Store s -> out | bit(s.dst()) | use(s.src());
            case Atomic a -> out | bit(a.dst()) | bit(a.src()) | (a.op() == AtomicOp.CMPXCHG ? 1 : 0);
            case Jump j -> out | bit(j.dst()) | use(j.src());
            case Goto g -> out;
            case Call c -> (out & ~CLOBBERED) | ARGUMENTS;
            case CallLocal c -> (out & ~CLOBBERED) | ARGUMENTS;
            case Exit e -> returnChecked ? 1 : 0;
            case CallRegister c -> ALL;
            case CallKfunc c -> ALL;
            case PacketLoad p -> ALL;
        };
    }
}
