package dev.extos.isa;

import static dev.extos.isa.Opcodes.*;

import dev.extos.isa.Instruction.*;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Encodes instructions to their raw little-endian 8-byte slots (RFC 9669 section 3). */
public final class InstructionEncoder {
    private InstructionEncoder() {
    }

    /** The bytes of a whole program, 8 per slot. */
    public static byte[] encode(Program program) {
        ByteBuffer out = ByteBuffer.allocate(program.slotCount() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (Instruction i : program.instructions()) {
            for (long slot : encode(i)) {
                out.putLong(slot);
            }
        }
        return out.array();
    }

    /** The slots of one instruction as 64-bit little-endian words (two for {@code lddw}). */
    public static long[] encode(Instruction instruction) {
        return switch (instruction) {
            case Alu(Width w, AluOp op, Reg dst, Reg src) ->
                    one(aluClass(w) | aluCode(op) | SRC_X, dst, src.number(), signedOffset(op), 0);
            case Alu(Width w, AluOp op, Reg dst, Imm imm) ->
                    one(aluClass(w) | aluCode(op) | SRC_K, dst, 0, signedOffset(op), imm.value());
            case Neg(Width w, Reg dst) -> one(aluClass(w) | ALU_NEG, dst, 0, 0, 0);
            case MovSx(Width w, Reg dst, Reg src, int bits) -> one(aluClass(w) | ALU_MOV | SRC_X, dst, src.number(), bits, 0);
            case ByteSwap(SwapKind kind, int bits, Reg dst) -> one(switch (kind) {
                case TO_LE -> ALU | ALU_END | SRC_K;
                case TO_BE -> ALU | ALU_END | SRC_X;
                case SWAP -> ALU64 | ALU_END | SRC_K;
            }, dst, 0, 0, bits);
            case Jump(Width w, JumpCondition c, Reg dst, Reg src, int off) ->
                    one(jumpClass(w) | jumpCode(c) | SRC_X, dst, src.number(), off, 0);
            case Jump(Width w, JumpCondition c, Reg dst, Imm imm, int off) ->
                    one(jumpClass(w) | jumpCode(c) | SRC_K, dst, 0, off, imm.value());
            case Goto(int off, boolean wide) -> wide ? one(JMP32 | JMP_JA, Reg.R0, 0, 0, off) : one(JMP | JMP_JA, Reg.R0, 0, off, 0);
            case Load(Size size, boolean sx, Reg dst, Reg src, int off) ->
                    one(LDX | (sx ? MODE_MEMSX : MODE_MEM) | sizeCode(size), dst, src.number(), off, 0);
            case Store(Size size, Reg dst, Reg src, int off) -> one(STX | MODE_MEM | sizeCode(size), dst, src.number(), off, 0);
            case Store(Size size, Reg dst, Imm imm, int off) -> one(ST | MODE_MEM | sizeCode(size), dst, 0, off, imm.value());
            case Atomic(Size size, AtomicOp op, boolean fetch, Reg dst, Reg src, int off) ->
                    one(STX | MODE_ATOMIC | sizeCode(size), dst, src.number(), off, atomicCode(op, fetch));
            case LoadImm64(Reg dst, Imm64Kind kind, int imm, int next) ->
                    new long[] {word(LD | MODE_IMM | SIZE_DW, dst.number(), kind.code(), 0, imm), word(0, 0, 0, 0, next)};
            case PacketLoad(Size size, boolean indirect, Reg src, int imm) ->
                    one(LD | (indirect ? MODE_IND : MODE_ABS) | sizeCode(size), Reg.R0, indirect ? src.number() : 0, 0, imm);
            case Call(int helper) -> one(JMP | JMP_CALL, Reg.R0, CALL_HELPER, 0, helper);
            case CallLocal(int off) -> one(JMP | JMP_CALL, Reg.R0, CALL_LOCAL, 0, off);
            case CallKfunc(int btfId, int module) -> one(JMP | JMP_CALL, Reg.R0, CALL_KFUNC, module, btfId);
            case CallRegister(Reg target) -> one(JMP | JMP_CALL | SRC_X, target, 0, 0, 0);
            case Exit() -> one(JMP | JMP_EXIT, Reg.R0, 0, 0, 0);
        };
    }

    private static int aluClass(Width w) {
        return w == Width.W64 ? ALU64 : ALU;
    }

    private static int jumpClass(Width w) {
        return w == Width.W64 ? JMP : JMP32;
    }

    private static int signedOffset(AluOp op) {
        return op == AluOp.SDIV || op == AluOp.SMOD ? 1 : 0;
    }

    private static long[] one(int opcode, Reg dst, int src, int offset, int imm) {
        return new long[] {word(opcode, dst.number(), src, offset, imm)};
    }

    /** Packs the fields the way the bytes lie in memory, read as a little-endian 64-bit word. */
    static long word(int opcode, int dst, int src, int offset, int imm) {
        return (opcode & 0xffL)
                | ((long) (dst & 0xf) << 8)
                | ((long) (src & 0xf) << 12)
                | ((long) (offset & 0xffff) << 16)
                | ((long) imm << 32);
    }
}
