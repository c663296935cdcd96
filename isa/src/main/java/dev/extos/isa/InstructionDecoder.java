package dev.extos.isa;

import static dev.extos.isa.Opcodes.*;

import dev.extos.isa.Instruction.*;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes raw eBPF bytes into the instruction model. Decoding is strict, like the kernel's: an
 * unknown opcode, a reserved field that is not zero, a register above r10 or a truncated
 * {@code lddw} is an {@link InvalidInstructionException} naming the slot and its bytes. Whether
 * jumps land inside the program is the verifier's business, not the decoder's.
 */
public final class InstructionDecoder {
    private InstructionDecoder() {
    }

    /** Decodes a whole program; its length must be a positive multiple of 8 bytes. */
    public static Program decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new ExtosException("the program is empty: it needs at least one instruction");
        }
        if (bytes.length % 8 != 0) {
            int last = bytes.length / 8;
            throw new InvalidInstructionException(last, Arrays.copyOfRange(bytes, last * 8, bytes.length),
                    "truncated: " + bytes.length + " bytes is not a whole number of 8-byte instructions");
        }
        long[] words = new long[bytes.length / 8];
        for (int i = 0; i < words.length; i++) {
            long w = 0;
            for (int b = 7; b >= 0; b--) {
                w = (w << 8) | (bytes[i * 8 + b] & 0xffL);
            }
            words[i] = w;
        }
        return decode(words);
    }

    /** Decodes a program given as little-endian 64-bit words, one per slot. */
    public static Program decode(long[] words) {
        if (words.length == 0) {
            throw new ExtosException("the program is empty: it needs at least one instruction");
        }
        List<Instruction> out = new ArrayList<>(words.length);
        int pc = 0;
        while (pc < words.length) {
            Instruction i = new Slot(pc, words[pc]).decode(words);
            out.add(i);
            pc += i.slots();
        }
        return Program.of(out);
    }

    /** The fields of one slot, with the checks that reject reserved bits. */
    private record Slot(int index, long word) {
        int opcode() {
            return (int) (word & 0xff);
        }

        int dst() {
            return (int) ((word >>> 8) & 0xf);
        }

        int src() {
            return (int) ((word >>> 12) & 0xf);
        }

        int offset() {
            return (short) (word >>> 16);
        }

        int imm() {
            return (int) (word >>> 32);
        }

        InvalidInstructionException reject(String reason) {
            byte[] b = new byte[8];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (word >>> (8 * i));
            }
            return new InvalidInstructionException(index, b, reason);
        }

        Reg dstReg() {
            if (!Reg.isValid(dst())) {
                throw reject("destination register r" + dst() + " does not exist (r0 to r10)");
            }
            return Reg.of(dst());
        }

        Reg srcReg() {
            if (!Reg.isValid(src())) {
                throw reject("source register r" + src() + " does not exist (r0 to r10)");
            }
            return Reg.of(src());
        }

        void zero(String what, int value, String name) {
            if (value != 0) {
                throw reject(name + " must have " + what + " 0, found " + value);
            }
        }

        Instruction decode(long[] words) {
            int op = opcode();
            return switch (op & 0x07) {
                case ALU, ALU64 -> alu(op);
                case JMP, JMP32 -> jump(op);
                case LD -> ld(op, words);
                case LDX -> ldx(op);
                case ST -> st(op);
                case STX -> stx(op);
                default -> throw new AssertionError("three bits have eight values");
            };
        }

        private Instruction alu(int op) {
            Width w = (op & 0x07) == ALU64 ? Width.W64 : Width.W32;
            boolean reg = (op & SRC_X) != 0;
            String name = aluName(op & 0xf0) + w.suffix() + (reg ? " with a register" : " with an immediate");
            int code = op & 0xf0;
            switch (code) {
                case ALU_NEG -> {
                    if (reg) {
                        throw reject("unknown opcode 0x" + hex(op) + ": neg has no register form");
                    }
                    zero("source register", src(), name);
                    zero("offset", offset(), name);
                    zero("immediate", imm(), name);
                    return new Neg(w, dstReg());
                }
                case ALU_END -> {
                    if (w == Width.W64 && reg) {
                        throw reject("unknown opcode 0x" + hex(op) + ": the 64-bit byte swap has no big-endian form");
                    }
                    zero("source register", src(), "byte swap");
                    zero("offset", offset(), "byte swap");
                    if (imm() != 16 && imm() != 32 && imm() != 64) {
                        throw reject("byte swap width must be 16, 32 or 64, found " + imm());
                    }
                    SwapKind kind = w == Width.W64 ? SwapKind.SWAP : reg ? SwapKind.TO_BE : SwapKind.TO_LE;
                    return new ByteSwap(kind, imm(), dstReg());
                }
                case 0xe0, 0xf0 -> throw reject("unknown opcode 0x" + hex(op));
                default -> {
                }
            }
            AluOp aluOp = switch (code) {
                case ALU_ADD -> AluOp.ADD;
                case ALU_SUB -> AluOp.SUB;
                case ALU_MUL -> AluOp.MUL;
                case ALU_DIV -> signedVariant(AluOp.DIV, AluOp.SDIV, name);
                case ALU_OR -> AluOp.OR;
                case ALU_AND -> AluOp.AND;
                case ALU_LSH -> AluOp.LSH;
                case ALU_RSH -> AluOp.RSH;
                case ALU_MOD -> signedVariant(AluOp.MOD, AluOp.SMOD, name);
                case ALU_XOR -> AluOp.XOR;
                case ALU_MOV -> AluOp.MOV;
                case ALU_ARSH -> AluOp.ARSH;
                default -> throw new AssertionError(code);
            };
            if (aluOp == AluOp.MOV && offset() != 0) {
                if (!reg) {
                    throw reject("mov" + w.suffix() + " with an immediate must have offset 0, found " + offset());
                }
                int bits = offset();
                if (bits != 8 && bits != 16 && !(bits == 32 && w == Width.W64)) {
                    throw reject("movsx" + w.suffix() + " cannot sign-extend from " + bits + " bits");
                }
                zero("immediate", imm(), "movsx");
                return new MovSx(w, dstReg(), srcReg(), bits);
            }
            if (aluOp != AluOp.SDIV && aluOp != AluOp.SMOD) {
                zero("offset", offset(), name);
            }
            if (reg) {
                zero("immediate", imm(), name);
                return new Alu(w, aluOp, dstReg(), srcReg());
            }
            zero("source register", src(), name);
            return new Alu(w, aluOp, dstReg(), new Imm(imm()));
        }

        private AluOp signedVariant(AluOp unsigned, AluOp signed, String name) {
            return switch (offset()) {
                case 0 -> unsigned;
                case 1 -> signed;
                default -> throw reject(name + " must have offset 0 (unsigned) or 1 (signed), found " + offset());
            };
        }

        private Instruction jump(int op) {
            Width w = (op & 0x07) == JMP ? Width.W64 : Width.W32;
            boolean reg = (op & SRC_X) != 0;
            int code = op & 0xf0;
            switch (code) {
                case JMP_JA -> {
                    if (reg) {
                        throw reject("unknown opcode 0x" + hex(op) + ": ja has no register form");
                    }
                    zero("destination register", dst(), "ja");
                    zero("source register", src(), "ja");
                    if (w == Width.W64) {
                        zero("immediate", imm(), "ja");
                        return new Goto(offset(), false);
                    }
                    zero("offset", offset(), "gotol");
                    return new Goto(imm(), true);
                }
                case JMP_CALL -> {
                    if (w == Width.W32) {
                        throw reject("unknown opcode 0x" + hex(op) + ": call exists only in the 64-bit jump class");
                    }
                    return call(reg);
                }
                case JMP_EXIT -> {
                    if (w == Width.W32 || reg) {
                        throw reject("unknown opcode 0x" + hex(op) + ": exit is 0x95 only");
                    }
                    zero("destination register", dst(), "exit");
                    zero("source register", src(), "exit");
                    zero("offset", offset(), "exit");
                    zero("immediate", imm(), "exit");
                    return new Exit();
                }
                case 0xe0, 0xf0 -> throw reject("unknown opcode 0x" + hex(op));
                default -> {
                }
            }
            JumpCondition c = switch (code) {
                case JMP_JEQ -> JumpCondition.EQ;
                case JMP_JGT -> JumpCondition.GT;
                case JMP_JGE -> JumpCondition.GE;
                case JMP_JSET -> JumpCondition.SET;
                case JMP_JNE -> JumpCondition.NE;
                case JMP_JSGT -> JumpCondition.SGT;
                case JMP_JSGE -> JumpCondition.SGE;
                case JMP_JLT -> JumpCondition.LT;
                case JMP_JLE -> JumpCondition.LE;
                case JMP_JSLT -> JumpCondition.SLT;
                case JMP_JSLE -> JumpCondition.SLE;
                default -> throw new AssertionError(code);
            };
            String name = c.mnemonic() + w.suffix() + (reg ? " with a register" : " with an immediate");
            if (reg) {
                zero("immediate", imm(), name);
                return new Jump(w, c, dstReg(), srcReg(), offset());
            }
            zero("source register", src(), name);
            return new Jump(w, c, dstReg(), new Imm(imm()), offset());
        }

        private Instruction call(boolean reg) {
            if (reg) {
                zero("source register", src(), "callx");
                zero("offset", offset(), "callx");
                zero("immediate", imm(), "callx");
                return new CallRegister(dstReg());
            }
            zero("destination register", dst(), "call");
            return switch (src()) {
                case CALL_HELPER -> {
                    zero("offset", offset(), "call");
                    yield new Call(imm());
                }
                case CALL_LOCAL -> {
                    zero("offset", offset(), "a local call");
                    yield new CallLocal(imm());
                }
                case CALL_KFUNC -> new CallKfunc(imm(), offset());
                default -> throw reject("call must have source register 0 (helper), 1 (local) or 2 (kfunc), found " + src());
            };
        }

        private Instruction ld(int op, long[] words) {
            int mode = op & 0xe0;
            if (op == (LD | MODE_IMM | SIZE_DW)) {
                zero("offset", offset(), "lddw");
                Imm64Kind kind = Imm64Kind.ofCode(src());
                if (kind == null) {
                    throw reject("lddw source register " + src() + " is not a known kind of 64-bit immediate (0 to 6)");
                }
                if (index + 1 >= words.length) {
                    throw reject("lddw is truncated: its second half is missing at the end of the program");
                }
                Slot next = new Slot(index + 1, words[index + 1]);
                if (next.opcode() != 0 || next.dst() != 0 || next.src() != 0 || next.offset() != 0) {
                    throw next.reject("the second half of the lddw at " + index + " must have opcode, registers and offset 0");
                }
                return new LoadImm64(dstReg(), kind, imm(), next.imm());
            }
            if ((mode == MODE_ABS || mode == MODE_IND) && (op & 0x18) != SIZE_DW) {
                zero("destination register", dst(), mode == MODE_ABS ? "ldabs" : "ldind");
                zero("offset", offset(), mode == MODE_ABS ? "ldabs" : "ldind");
                if (mode == MODE_ABS) {
                    zero("source register", src(), "ldabs");
                    return new PacketLoad(sizeOf(op), false, Reg.R0, imm());
                }
                return new PacketLoad(sizeOf(op), true, srcReg(), imm());
            }
            throw reject("unknown opcode 0x" + hex(op));
        }

        private Instruction ldx(int op) {
            int mode = op & 0xe0;
            Size size = sizeOf(op);
            if (mode == MODE_MEM || (mode == MODE_MEMSX && size != Size.DW)) {
                String name = "ldx" + (mode == MODE_MEMSX ? "s" : "") + size.suffix();
                zero("immediate", imm(), name);
                return new Load(size, mode == MODE_MEMSX, dstReg(), srcReg(), offset());
            }
            throw reject("unknown opcode 0x" + hex(op));
        }

        private Instruction st(int op) {
            if ((op & 0xe0) != MODE_MEM) {
                throw reject("unknown opcode 0x" + hex(op));
            }
            Size size = sizeOf(op);
            zero("source register", src(), "st" + size.suffix());
            return new Store(size, dstReg(), new Imm(imm()), offset());
        }

        private Instruction stx(int op) {
            int mode = op & 0xe0;
            Size size = sizeOf(op);
            if (mode == MODE_MEM) {
                zero("immediate", imm(), "stx" + size.suffix());
                return new Store(size, dstReg(), srcReg(), offset());
            }
            if (mode == MODE_ATOMIC && (size == Size.W || size == Size.DW)) {
                boolean fetch = (imm() & ATOMIC_FETCH) != 0;
                AtomicOp atomic = switch (imm()) {
                    case ALU_ADD, ALU_ADD | ATOMIC_FETCH -> AtomicOp.ADD;
                    case ALU_OR, ALU_OR | ATOMIC_FETCH -> AtomicOp.OR;
                    case ALU_AND, ALU_AND | ATOMIC_FETCH -> AtomicOp.AND;
                    case ALU_XOR, ALU_XOR | ATOMIC_FETCH -> AtomicOp.XOR;
                    case ATOMIC_XCHG -> AtomicOp.XCHG;
                    case ATOMIC_CMPXCHG -> AtomicOp.CMPXCHG;
                    default -> throw reject("atomic operation code 0x" + Integer.toHexString(imm()) + " is not defined");
                };
                return new Atomic(size, atomic, fetch, dstReg(), srcReg(), offset());
            }
            throw reject("unknown opcode 0x" + hex(op));
        }

        private static String aluName(int code) {
            return switch (code) {
                case ALU_ADD -> "add";
                case ALU_SUB -> "sub";
                case ALU_MUL -> "mul";
                case ALU_DIV -> "div";
                case ALU_OR -> "or";
                case ALU_AND -> "and";
                case ALU_LSH -> "lsh";
                case ALU_RSH -> "rsh";
                case ALU_NEG -> "neg";
                case ALU_MOD -> "mod";
                case ALU_XOR -> "xor";
                case ALU_MOV -> "mov";
                case ALU_ARSH -> "arsh";
                case ALU_END -> "byte swap";
                default -> "alu op 0x" + Integer.toHexString(code);
            };
        }

        private static String hex(int op) {
            return String.format("%02x", op);
        }
    }
}
