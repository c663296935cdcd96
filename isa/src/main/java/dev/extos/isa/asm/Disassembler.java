package dev.extos.isa.asm;

import dev.extos.isa.Imm;
import dev.extos.isa.Imm64Kind;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.Operand;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import dev.extos.isa.Width;
import java.util.TreeSet;

/**
 * Turns programs into the text {@link Assembler} reads; the output assembles back to the same
 * bytes. Jump targets that land on an instruction get labels ({@code L7} for slot 7); the rest
 * keep their numeric offsets.
 */
public final class Disassembler {
    private Disassembler() {
    }

    /** The whole program, one instruction per line, with labels at jump targets. */
    public static String disassemble(Program program) {
        TreeSet<Integer> targets = new TreeSet<>();
        for (int pc : program.startSlots()) {
            Integer t = target(program.at(pc), pc);
            if (t != null && program.startsAt(t)) {
                targets.add(t);
            }
        }
        StringBuilder out = new StringBuilder();
        for (int pc : program.startSlots()) {
            if (targets.contains(pc)) {
                out.append(label(pc)).append(":\n");
            }
            Instruction i = program.at(pc);
            Integer t = target(i, pc);
            String text = t != null && targets.contains(t) ? format(i, label(t)) : format(i);
            out.append(text).append('\n');
        }
        return out.toString();
    }

    /** One instruction, with relative jump offsets ({@code ja +3}). */
    public static String format(Instruction instruction) {
        return format(instruction, null);
    }

    private static String label(int slot) {
        return "L" + slot;
    }

    /** The slot a jump or local call at {@code pc} goes to, or null for other instructions. */
    private static Integer target(Instruction i, int pc) {
        return switch (i) {
            case Jump j -> pc + 1 + j.offset();
            case Goto g -> pc + 1 + g.offset();
            case CallLocal c -> pc + 1 + c.offset();
            default -> null;
        };
    }

    private static String format(Instruction instruction, String label) {
        return switch (instruction) {
            case Alu(Width w, var op, Reg dst, Operand src) -> op.mnemonic() + w.suffix() + " " + reg(dst) + ", " + operand(src);
            case Neg(Width w, Reg dst) -> "neg" + w.suffix() + " " + reg(dst);
            case MovSx(Width w, Reg dst, Reg src, int bits) ->
                    "movsx" + bits + (w == Width.W32 ? "32" : "64") + " " + reg(dst) + ", " + reg(src);
            case ByteSwap(var kind, int bits, Reg dst) -> kind.mnemonic() + bits + " " + reg(dst);
            case Jump(Width w, var c, Reg dst, Operand src, int off) ->
                    c.mnemonic() + w.suffix() + " " + reg(dst) + ", " + operand(src) + ", " + target(label, off);
            case Goto(int off, boolean wide) -> (wide ? "ja32 " : "ja ") + target(label, off);
            case Load(var size, boolean sx, Reg dst, Reg src, int off) ->
                    "ldx" + (sx ? "s" : "") + size.suffix() + " " + reg(dst) + ", " + mem(src, off);
            case Store(var size, Reg dst, Reg src, int off) -> "stx" + size.suffix() + " " + mem(dst, off) + ", " + reg(src);
            case Store(var size, Reg dst, Imm imm, int off) -> "st" + size.suffix() + " " + mem(dst, off) + ", " + number(imm.value());
            case Atomic(var size, var op, boolean fetch, Reg dst, Reg src, int off) ->
                    "lock " + (fetch && !op.alwaysFetches() ? "fetch " : "") + op.mnemonic()
                            + (size == dev.extos.isa.Size.W ? "32" : "") + " " + mem(dst, off) + ", " + reg(src);
            case LoadImm64 l when l.kind() == Imm64Kind.CONSTANT -> "lddw " + reg(l.dst()) + ", 0x" + Long.toHexString(l.value());
            case LoadImm64 l -> "lddw " + reg(l.dst()) + ", " + l.kind().mnemonic() + " " + l.imm()
                    + (l.nextImm() != 0 ? ", " + l.nextImm() : "");
            case PacketLoad(var size, boolean indirect, Reg src, int imm) -> indirect
                    ? "ldind" + size.suffix() + " " + reg(src) + ", " + imm
                    : "ldabs" + size.suffix() + " " + imm;
            case Call(int helper) -> "call " + helper;
            case CallLocal(int off) -> "call local " + target(label, off);
            case CallKfunc(int id, int module) -> "call kfunc " + id + (module != 0 ? ", " + module : "");
            case CallRegister(Reg r) -> "call " + reg(r);
            case Exit() -> "exit";
        };
    }

    private static String reg(Reg r) {
        return "%" + r;
    }

    private static String operand(Operand o) {
        return switch (o) {
            case Reg r -> reg(r);
            case Imm i -> number(i.value());
        };
    }

    private static String number(int v) {
        // Large positive values read best in hex (masks, constants); negative ones in decimal.
        return v < 65536 ? Integer.toString(v) : "0x" + Integer.toHexString(v);
    }

    private static String mem(Reg r, int off) {
        return "[" + reg(r) + (off < 0 ? "-" + (-off) : "+" + off) + "]";
    }

    private static String target(String label, int off) {
        return label != null ? label : (off < 0 ? Integer.toString(off) : "+" + off);
    }
}
