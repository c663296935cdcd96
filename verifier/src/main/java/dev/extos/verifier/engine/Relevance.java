package dev.extos.verifier.engine;

import dev.extos.isa.AluOp;
import dev.extos.isa.AtomicOp;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.Operand;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;

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
    private static final int ALL = (1 << 11) - 1;
    private static final int ARGUMENTS = 0b111110;     // r1-r5
    private static final int CLOBBERED = 0b111111;     // r0-r5

    private Relevance() {
    }

    /**
     * Per slot, the bit set of registers relevant on entry to the instruction starting there.
     * {@code returnChecked}: whether r0's value at an exit is checked (a hook with a limited
     * return range, or a subprogram whose r0 goes back to its caller).
     */
    static int[] of(Program program, boolean returnChecked) {
        int[] starts = program.startSlots();
        int[] relevant = new int[program.slotCount() + 1];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = starts.length - 1; i >= 0; i--) {
                int pc = starts[i];
                Instruction insn = program.at(pc);
                int in = transfer(insn, out(program, pc, insn, relevant), returnChecked);
                if (in != relevant[pc]) {
                    relevant[pc] = in;
                    changed = true;
                }
            }
        }
        return relevant;
    }

    private static int out(Program program, int pc, Instruction insn, int[] relevant) {
        int next = pc + insn.slots();
        return switch (insn) {
            case Exit e -> 0;
            case Goto g -> at(program, pc + 1 + g.offset(), relevant);
            case Jump j -> at(program, next, relevant) | at(program, pc + 1 + j.offset(), relevant);
            default -> at(program, next, relevant);
        };
    }

    private static int at(Program program, int slot, int[] relevant) {
        return program.startsAt(slot) ? relevant[slot] : ALL;
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

    private static int bit(Reg r) {
        return 1 << r.number();
    }

    private static int use(Operand o) {
        return o instanceof Reg r ? bit(r) : 0;
    }
}
