package dev.extos.vm.jit;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Disassembler;
import dev.extos.vm.ExecutionFault;
import dev.extos.vm.Helper;
import dev.extos.vm.HelperFunction;
import dev.extos.vm.HelperTable;
import dev.extos.vm.MemoryFault;

/**
 * The class data of one compiled program: what its generated code needs from the outside world
 * (helper objects, the program text for fault messages). Read once into static finals by the
 * hidden class's initialiser so that C2 sees the helpers as constants.
 */
record JitLinkage(Program program, HelperFunction[] helpersById) {

    /** The linkage of {@code program} with {@code helpers}, indexed by id for {@code callx}. */
    static JitLinkage of(Program program, HelperTable helpers) {
        int maxId = -1;
        for (Helper h : helpers.all()) {
            maxId = Math.max(maxId, h.id());
        }
        HelperFunction[] byId = new HelperFunction[maxId + 1];
        for (Helper h : helpers.all()) {
            byId[h.id()] = h.function();
        }
        return new JitLinkage(program, byId);
    }

    /** The helper with number {@code id}, known to exist at compile time. */
    public HelperFunction helper(int id) {
        return helpersById[id];
    }

    /** The helper a {@code callx} at {@code pc} calls, or the interpreter's fault when there is none. */
    public HelperFunction helperAt(long id, int pc) {
        HelperFunction f = id >= 0 && id < helpersById.length ? helpersById[(int) id] : null;
        if (f == null) {
            throw fault(pc, JitFaults.missingHelper(id));
        }
        return f;
    }

    /** The fault the interpreter raises at {@code pc} for {@code reason}. */
    public ExecutionFault fault(int pc, String reason) {
        String text = pc < program.slotCount() && program.at(pc) != null ? Disassembler.format(program.at(pc)) : null;
        return new ExecutionFault(pc, text, reason);
    }

    /** The fault for a memory access (or helper) at {@code pc} that the address space refused. */
    public ExecutionFault fault(MemoryFault e, int pc) {
        return fault(pc, e.getMessage());
    }
}
