package dev.extos.verifier.engine;

import dev.extos.isa.Instruction;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;

/**
 * The structural pass, run before any path is explored: jump and call targets are instruction
 * starts inside the program and inside the same function, no path runs off the end of a
 * function, every instruction is reachable, and r10 is never a destination.
 */
final class Structure {
    private final Program program;
    private final int[] function;      // function[pc] = start slot of the function containing pc
    private final BitSet prunePoints = new BitSet();

    private Structure(Program program, int[] function) {
        this.program = program;
        this.function = function;
    }

    /** Checks the program's shape; returns the prune points (jump targets and return points). */
    static BitSet check(Program program) {
        int n = program.slotCount();
        if (n == 0) {
            throw new VerifyError(0, "the program is empty");
        }
        BitSet starts = new BitSet();
        starts.set(0);
        for (int pc = 0; pc < n; pc++) {
            if (program.at(pc) instanceof Instruction.CallLocal(int off)) {
                int target = pc + 1 + off;
                if (!program.startsAt(target)) {
                    throw new VerifyError(pc, target < 0 || target >= n
                            ? "local call to insn " + target + " outside the program (0.." + (n - 1) + ")"
                            : "local call into the middle of the lddw at insn " + (target - 1));
                }
                starts.set(target);
            }
        }
        int[] function = new int[n];
        int current = 0;
        for (int pc = 0; pc < n; pc++) {
            if (starts.get(pc)) {
                current = pc;
            }
            function[pc] = current;
        }
        Structure s = new Structure(program, function);
        s.checkEdges();
        s.checkReachable();
        return s.prunePoints;
    }

    private void checkEdges() {
        int n = program.slotCount();
        for (int pc = 0; pc < n; pc++) {
            Instruction insn = program.at(pc);
            if (insn == null) {
                continue;
            }
            if (writesR10(insn)) {
                throw new VerifyError(pc, "r10 is the read-only frame pointer and cannot be written");
            }
            switch (insn) {
                case Instruction.Jump j -> {
                    jumpTarget(pc, pc + 1 + j.offset());
                    fallThrough(pc);
                }
                case Instruction.Goto g -> jumpTarget(pc, pc + 1 + g.offset());
                case Instruction.Exit e -> { }
                case Instruction.CallLocal c -> {
                    fallThrough(pc);
                    prunePoints.set(pc + 1);
                }
                default -> fallThrough(pc);
            }
        }
    }

    private void jumpTarget(int pc, int target) {
        int n = program.slotCount();
        if (target < 0 || target >= n) {
            throw new VerifyError(pc, "jump to insn " + target + " outside the program (0.." + (n - 1) + ")");
        }
        if (!program.startsAt(target)) {
            throw new VerifyError(pc, "jump into the middle of the lddw at insn " + (target - 1));
        }
        if (function[target] != function[pc]) {
            throw new VerifyError(pc, "jump from the function at insn " + function[pc] + " into the function at insn "
                    + function[target]);
        }
        prunePoints.set(target);
    }

    private void fallThrough(int pc) {
        int next = pc + program.at(pc).slots();
        if (next >= program.slotCount()) {
            throw new VerifyError(pc, "execution falls off the end of the program (the last instruction must be exit or a jump)");
        }
        if (function[next] != function[pc]) {
            throw new VerifyError(pc, "execution falls through into the function at insn " + next);
        }
    }

    private void checkReachable() {
        int n = program.slotCount();
        BitSet seen = new BitSet(n);
        Deque<Integer> work = new ArrayDeque<>();
        work.push(0);
        seen.set(0);
        while (!work.isEmpty()) {
            int pc = work.pop();
            Instruction insn = program.at(pc);
            int next = pc + insn.slots();
            int[] succ = switch (insn) {
                case Instruction.Jump j -> new int[] {next, pc + 1 + j.offset()};
                case Instruction.Goto g -> new int[] {pc + 1 + g.offset()};
                case Instruction.Exit e -> new int[0];
                case Instruction.CallLocal c -> new int[] {next, pc + 1 + c.offset()};
                default -> new int[] {next};
            };
            for (int s : succ) {
                if (!seen.get(s)) {
                    seen.set(s);
                    work.push(s);
                }
            }
        }
        for (int pc : program.startSlots()) {
            if (!seen.get(pc)) {
                throw new VerifyError(pc, "unreachable instruction");
            }
        }
    }

    private static boolean writesR10(Instruction insn) {
        return switch (insn) {
            case Instruction.Alu a -> a.dst() == Reg.R10;
            case Instruction.Neg a -> a.dst() == Reg.R10;
            case Instruction.MovSx a -> a.dst() == Reg.R10;
            case Instruction.ByteSwap a -> a.dst() == Reg.R10;
            case Instruction.Load a -> a.dst() == Reg.R10;
            case Instruction.LoadImm64 a -> a.dst() == Reg.R10;
            case Instruction.Atomic a -> (a.fetch() || a.op().alwaysFetches())
                    && (a.op() == dev.extos.isa.AtomicOp.CMPXCHG ? false : a.src() == Reg.R10);
            default -> false;
        };
    }
}
