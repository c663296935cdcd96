package dev.extos.isa;

/** Operand width of ALU and jump instructions: the 32-bit classes (ALU, JMP32) or the 64-bit ones. */
public enum Width {
    W32, W64;

    /** The suffix the assembler puts on 32-bit mnemonics ("add32"), empty for 64-bit ones. */
    public String suffix() {
        return this == W32 ? "32" : "";
    }
}
