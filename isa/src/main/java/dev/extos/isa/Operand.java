package dev.extos.isa;

/** The source operand of an ALU, jump or store instruction: a register or a 32-bit immediate. */
public sealed interface Operand permits Reg, Imm {
}
