package dev.extos.vm.jit;

import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.Program;
import dev.extos.vm.HelperTable;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the code generator needs to know about a whole program before emitting anything: its
 * functions (the entry and every local-call target reached), whether any reachable code calls
 * locally or jumps backwards (so the per-run state and the jump budget are emitted only when
 * needed), and which helpers are called by number. {@code hasBackwardJumps} is what decides
 * whether code counts backward jumps against the budget (see {@link #withoutBudget()}).
 */
record ProgramPlan(Program program, List<FunctionPlan> functions, boolean hasLocalCalls, boolean hasBackwardJumps,
                   SortedSet<Integer> helperIds) {

    /** Plans {@code program}, whose jump and call targets the interpreter's loader already checked. */
    static ProgramPlan of(Program program, HelperTable helpers) {
        Map<Integer, FunctionPlan> functions = new LinkedHashMap<>();
        Deque<Integer> entries = new ArrayDeque<>();
        entries.add(0);
        boolean calls = false;
        boolean backward = false;
        SortedSet<Integer> helperIds = new TreeSet<>();
        int end = program.slotCount();
        while (!entries.isEmpty()) {
            int entry = entries.poll();
            if (functions.containsKey(entry)) {
                continue;
            }
            BitSet seen = new BitSet(end + 1);
            Deque<Integer> work = new ArrayDeque<>();
            work.push(entry);
            while (!work.isEmpty()) {
                int pc = work.pop();
                if (seen.get(pc)) {
                    continue;
                }
                seen.set(pc);
                if (pc == end) {
                    continue;
                }
                for (int next : successors(program, pc)) {
                    work.push(next);
                }
                switch (program.at(pc)) {
                    case Jump j -> backward |= j.offset() < 0;
                    case Goto g -> backward |= g.offset() < 0;
                    case CallLocal c -> {
                        calls = true;
                        entries.add(pc + 1 + c.offset());
                    }
                    case Call c when helpers.get(c.helper()) != null -> helperIds.add(c.helper());
                    default -> { }
                }
            }
            functions.put(entry, new FunctionPlan(entry, seen.stream().toArray()));
        }
        return new ProgramPlan(program, List.copyOf(functions.values()), calls, backward, Collections.unmodifiableSortedSet(helperIds));
    }

    /**
     * The slots control may reach from {@code pc} within its function: the next instruction
     * and jump targets (a local call continues after itself; the callee is another function).
     * The program's length stands for running off its end, which has no successor.
     */
    static int[] successors(Program program, int pc) {
        if (pc == program.slotCount()) {
            return new int[0];
        }
        Instruction i = program.at(pc);
        return switch (i) {
            case Jump j -> new int[] {pc + 1, pc + 1 + j.offset()};
            case Goto g -> new int[] {pc + 1 + g.offset()};
            case Exit e -> new int[0];
            default -> new int[] {pc + i.slots()};
        };
    }

    /** The same plan for code that keeps no backward-jump budget (a verified program, proven to terminate). */
    ProgramPlan withoutBudget() {
        return new ProgramPlan(program, functions, hasLocalCalls, false, helperIds);
    }

    /** Total reachable instructions over all functions (shared code counted once per function). */
    int totalSize() {
        return functions.stream().mapToInt(FunctionPlan::size).sum();
    }
}
