package dev.extos.isa.asm;

import dev.extos.isa.ExtosException;

/** Assembly text that does not assemble, with the line and column (both from 1) of the fault. */
public final class AssemblyException extends ExtosException {
    private final int line;
    private final int column;
    private final String reason;

    public AssemblyException(int line, int column, String reason) {
        super("line " + line + ", column " + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** Line of the fault, from 1. */
    public int line() {
        return line;
    }

    /** Column of the fault, from 1. */
    public int column() {
        return column;
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }
}
