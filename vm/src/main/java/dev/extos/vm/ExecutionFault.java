package dev.extos.vm;

import dev.extos.isa.ExtosException;

/**
 * A program did something at run time that ends its run: an access outside its memory, a call
 * to a helper that does not exist, too deep a call chain. The run is over; nothing else is harmed.
 */
public final class ExecutionFault extends ExtosException {
    private final int pc;
    private final String reason;

    public ExecutionFault(int pc, String instruction, String reason) {
        super("insn " + pc + (instruction == null ? "" : " (" + instruction + ")") + ": " + reason);
        this.pc = pc;
        this.reason = reason;
    }

    /** Slot of the faulting instruction. */
    public int pc() {
        return pc;
    }

    /** What went wrong, without the location. */
    public String reason() {
        return reason;
    }
}
