package dev.extos.vm.interp;

import dev.extos.isa.AluOp;
import dev.extos.isa.AtomicOp;
import dev.extos.isa.Imm;
import dev.extos.isa.Imm64Kind;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.JumpCondition;
import dev.extos.isa.Operand;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import dev.extos.isa.Size;
import dev.extos.isa.Width;
import dev.extos.isa.asm.Disassembler;
import dev.extos.vm.LoadException;
import dev.extos.vm.runtime.MapReferences;

/**
 * Turns a program into the interpreter's compact form: one long per slot, plus a sentinel slot
 * past the end so that falling off the program is a fault, not an array error. Checks at load
 * time what the dispatch loop then need not: every jump and call lands on an instruction.
 */
final class Translator {
    private Translator() {
    }

    /** The translated program. */
    record Code(long[] words, long[] wideImmediates, Program program) {
    }

    /** Translates {@code program}, which has {@code mapCount} maps ({@code -1}: loaded without a map list). */
    static Code translate(Program program, int mapCount) {
        int slots = program.slotCount();
        long[] words = new long[slots + 1];
        long[] wide = new long[slots + 1];
        for (int pc : program.startSlots()) {
            Instruction i = program.at(pc);
            checkTarget(program, pc, i);
            words[pc] = word(i, pc);
            if (i instanceof LoadImm64 l) {
                wide[pc] = l.kind() == Imm64Kind.CONSTANT ? l.value() : MapReferences.resolve(program, pc, l, mapCount);
                words[pc + 1] = Op.END;
            }
        }
        words[slots] = Op.END;
        return new Code(words, wide, program);
    }

    private static void checkTarget(Program program, int pc, Instruction i) {
        long target = switch (i) {
            case Jump j -> (long) pc + 1 + j.offset();
            case Goto g -> (long) pc + 1 + g.offset();
            case CallLocal c -> (long) pc + 1 + c.offset();
            default -> -2;
        };
        if (target != -2 && (target < 0 || target > Integer.MAX_VALUE || !program.startsAt((int) target))) {
            throw new LoadException("insn " + pc + " (" + Disassembler.format(i) + "): "
                    + (i instanceof CallLocal ? "calls " : "jumps to ") + "slot " + target + ", which "
                    + (target < 0 || target >= program.slotCount() ? "is outside the program (" + program.slotCount() + " slots)"
                    : "is the middle of an lddw"));
        }
    }

    private static long pack(int op, Reg dst, int src, int offset, long imm) {
        return op | ((long) dst.number() << 8) | ((long) src << 12) | ((long) (offset & 0xffff) << 16) | (imm << 32);
    }

    private static long pack(int op, Reg dst, Operand src, int offset) {
        return switch (src) {
            case Reg r -> pack(op, dst, r.number(), offset, 0);
            case Imm imm -> pack(op + 1, dst, 0, offset, imm.value());
        };
    }

    private static long word(Instruction instruction, int pc) {
        return switch (instruction) {
            case Alu(Width w, AluOp op, Reg dst, Operand src) -> pack(aluOp(w, op), dst, src, 0);
            case Neg(Width w, Reg dst) -> pack(w == Width.W64 ? Op.NEG64 : Op.NEG32, dst, 0, 0, 0);
            case MovSx(Width w, Reg dst, Reg src, int bits) -> pack(switch (bits) {
                case 8 -> w == Width.W64 ? Op.MOVSX64_8 : Op.MOVSX32_8;
                case 16 -> w == Width.W64 ? Op.MOVSX64_16 : Op.MOVSX32_16;
                default -> Op.MOVSX64_32;
            }, dst, src.number(), 0, 0);
            case ByteSwap(var kind, int bits, Reg dst) -> pack(switch (kind) {
                case TO_LE -> bits == 16 ? Op.LE16 : bits == 32 ? Op.LE32 : Op.LE64;
                case TO_BE -> bits == 16 ? Op.BE16 : bits == 32 ? Op.BE32 : Op.BE64;
                case SWAP -> bits == 16 ? Op.BSWAP16 : bits == 32 ? Op.BSWAP32 : Op.BSWAP64;
            }, dst, 0, 0, 0);
            case Jump(Width w, JumpCondition c, Reg dst, Operand src, int off) -> pack(jumpOp(w, c), dst, src, off);
            case Goto(int off, boolean wide) -> pack(Op.JA, Reg.R0, 0, 0, off);
            case Load(Size size, boolean sx, Reg dst, Reg src, int off) -> pack(switch (size) {
                case B -> sx ? Op.LDXSB : Op.LDXB;
                case H -> sx ? Op.LDXSH : Op.LDXH;
                case W -> sx ? Op.LDXSW : Op.LDXW;
                case DW -> Op.LDXDW;
            }, dst, src.number(), off, 0);
            case Store(Size size, Reg dst, Reg src, int off) -> pack(switch (size) {
                case B -> Op.STXB;
                case H -> Op.STXH;
                case W -> Op.STXW;
                case DW -> Op.STXDW;
            }, dst, src.number(), off, 0);
            case Store(Size size, Reg dst, Imm imm, int off) -> pack(switch (size) {
                case B -> Op.STB;
                case H -> Op.STH;
                case W -> Op.STW;
                case DW -> Op.STDW;
            }, dst, 0, off, imm.value());
            case Atomic(Size size, AtomicOp op, boolean fetch, Reg dst, Reg src, int off) ->
                    pack(atomicOp(size, op, fetch), dst, src.number(), off, 0);
            // Map references are resolved into the wide immediate by translate().
            case LoadImm64 l -> pack(Op.LDDW, l.dst(), 0, 0, 0);
            case PacketLoad p -> throw new LoadException("insn " + pc + " (" + Disassembler.format(p)
                    + "): legacy packet loads run only in the Linux kernel's socket filters");
            case Call(int helper) -> pack(Op.CALL, Reg.R0, 0, 0, helper);
            case CallLocal(int off) -> pack(Op.CALL_LOCAL, Reg.R0, 0, 0, off);
            case CallKfunc k -> throw new LoadException("insn " + pc + " (" + Disassembler.format(k)
                    + "): kernel functions can be called only in the Linux kernel");
            case CallRegister(Reg target) -> pack(Op.CALLX, target, 0, 0, 0);
            case Exit() -> pack(Op.EXIT, Reg.R0, 0, 0, 0);
        };
    }

    private static int aluOp(Width w, AluOp op) {
        int base = w == Width.W64 ? Op.ADD64_R : Op.ADD32_R;
        // Register and immediate forms alternate, in AluOp order.
        return base + 2 * op.ordinal();
    }

    private static int jumpOp(Width w, JumpCondition c) {
        int base = w == Width.W64 ? Op.JEQ64_R : Op.JEQ32_R;
        return base + 2 * c.ordinal();
    }

    private static int atomicOp(Size size, AtomicOp op, boolean fetch) {
        boolean wide = size == Size.DW;
        return switch (op) {
            case ADD -> wide ? (fetch ? Op.ATOMIC_FETCH_ADD64 : Op.ATOMIC_ADD64) : (fetch ? Op.ATOMIC_FETCH_ADD32 : Op.ATOMIC_ADD32);
            case OR -> wide ? (fetch ? Op.ATOMIC_FETCH_OR64 : Op.ATOMIC_OR64) : (fetch ? Op.ATOMIC_FETCH_OR32 : Op.ATOMIC_OR32);
            case AND -> wide ? (fetch ? Op.ATOMIC_FETCH_AND64 : Op.ATOMIC_AND64) : (fetch ? Op.ATOMIC_FETCH_AND32 : Op.ATOMIC_AND32);
            case XOR -> wide ? (fetch ? Op.ATOMIC_FETCH_XOR64 : Op.ATOMIC_XOR64) : (fetch ? Op.ATOMIC_FETCH_XOR32 : Op.ATOMIC_XOR32);
            case XCHG -> wide ? Op.ATOMIC_XCHG64 : Op.ATOMIC_XCHG32;
            case CMPXCHG -> wide ? Op.ATOMIC_CMPXCHG64 : Op.ATOMIC_CMPXCHG32;
        };
    }
}
