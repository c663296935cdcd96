package dev.extos.verifier.engine;

import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.Exit;
import dev.extos.isa.Instruction.Goto;
import dev.extos.isa.Instruction.Jump;
import dev.extos.isa.Program;

/**
 * A backward data flow over a program's registers, solved to its fixpoint: the facts on entry
 * to each instruction from the facts on exit (the union over its successors). Successors stay
 * inside a function: a local call goes on at the next instruction and an exit has none, so a
 * transfer function must say what calls and exits read. {@link Liveness} and {@link Relevance}
 * are the two flows.
 */
final class BackwardFlow {
    /** Register sets are bit sets: bit n is rn. */
    static final int ALL = (1 << 11) - 1;
    /** r1-r5: what a call reads. */
    static final int ARGUMENTS = 0b111110;
    /** r0-r5: what a call leaves unreadable or rewrites. */
    static final int CLOBBERED = 0b111111;

    /** How one instruction turns the registers after it into the registers before it. */
    @FunctionalInterface
    interface Transfer {
        int before(Instruction insn, int after);
    }

    private BackwardFlow() {
    }

    /** Per slot, the register set on entry to the instruction starting there. */
    static int[] solve(Program program, Transfer transfer) {
        int[] starts = program.startSlots();
        int[] in = new int[program.slotCount() + 1];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = starts.length - 1; i >= 0; i--) {
                int pc = starts[i];
                Instruction insn = program.at(pc);
                int before = transfer.before(insn, after(program, pc, insn, in));
                if (before != in[pc]) {
                    in[pc] = before;
                    changed = true;
                }
            }
        }
        return in;
    }

    private static int after(Program program, int pc, Instruction insn, int[] in) {
        int next = pc + insn.slots();
        return switch (insn) {
            case Exit e -> 0;
            case Goto g -> at(program, pc + 1 + g.offset(), in);
            case Jump j -> at(program, next, in) | at(program, pc + 1 + j.offset(), in);
            default -> at(program, next, in);
        };
    }

    static int bit(dev.extos.isa.Reg r) {
        return 1 << r.number();
    }

    /** The register an operand reads, as a set (empty for an immediate). */
    static int use(dev.extos.isa.Operand o) {
        return o instanceof dev.extos.isa.Reg r ? bit(r) : 0;
    }

    /** The set on entry to {@code slot}; a slot outside the program (the verifier rejects reaching it) has all. */
    private static int at(Program program, int slot, int[] in) {
        return program.startsAt(slot) ? in[slot] : ALL;
    }
}
