package dev.extos.vm.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.extos.isa.AluOp;
import dev.extos.isa.Instruction.Alu;
import dev.extos.isa.Instruction.ByteSwap;
import dev.extos.isa.Instruction.LoadImm64;
import dev.extos.isa.Instruction.MovSx;
import dev.extos.isa.Instruction.Neg;
import dev.extos.isa.Imm;
import dev.extos.isa.Reg;
import dev.extos.isa.SwapKind;
import dev.extos.isa.Width;
import dev.extos.vm.runtime.MapReferences;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * Arithmetic, logic, moves, negation, sign-extending moves, byte swaps and 64-bit constants.
 * 64-bit operations are the JVM's long operations (two's complement, shift counts masked to 6
 * bits, exactly as eBPF); 32-bit ones work on the low int and zero-extend the result. Division
 * and modulo call {@link dev.extos.vm.runtime.Arithmetic}, the interpreter's own definitions.
 */
final class AluEmitter {
    private AluEmitter() {
    }

    private static final ClassDesc INTEGER = ClassDesc.of("java.lang.Integer");
    private static final ClassDesc LONG = ClassDesc.of("java.lang.Long");

    static void alu(EmitContext cx, Alu a) {
        if (a.width() == Width.W64) {
            alu64(cx, a.op(), a.dst(), a);
        } else {
            alu32(cx, a.op(), a.dst(), a);
        }
    }

    private static void alu64(EmitContext cx, AluOp op, Reg dst, Alu a) {
        CodeBuilder c = cx.code;
        if (op == AluOp.MOV) {
            cx.loadLong(a.src());
            cx.storeReg(dst);
            return;
        }
        cx.loadReg(dst);
        switch (op) {
            case LSH, RSH, ARSH -> cx.loadInt(a.src());
            default -> cx.loadLong(a.src());
        }
        switch (op) {
            case ADD -> c.ladd();
            case SUB -> c.lsub();
            case MUL -> c.lmul();
            case OR -> c.lor();
            case AND -> c.land();
            case XOR -> c.lxor();
            case LSH -> c.lshl();
            case RSH -> c.lushr();
            case ARSH -> c.lshr();
            case DIV, SDIV, MOD, SMOD -> c.invokestatic(Descriptors.ARITHMETIC, op.mnemonic() + "64", Descriptors.LONG_LONG_TO_LONG);
            case MOV -> throw new AssertionError();
        }
        cx.storeReg(dst);
    }

    private static void alu32(EmitContext cx, AluOp op, Reg dst, Alu a) {
        CodeBuilder c = cx.code;
        if (op == AluOp.MOV) {
            switch (a.src()) {
                case Reg r -> {
                    cx.loadReg(r);
                    c.loadConstant(0xffffffffL);
                    c.land();
                }
                case Imm(int v) -> c.loadConstant(v & 0xffffffffL);
            }
            cx.storeReg(dst);
            return;
        }
        cx.loadReg(dst);
        c.l2i();
        cx.loadInt(a.src());
        switch (op) {
            case ADD -> c.iadd();
            case SUB -> c.isub();
            case MUL -> c.imul();
            case OR -> c.ior();
            case AND -> c.iand();
            case XOR -> c.ixor();
            case LSH -> c.ishl();
            case RSH -> c.iushr();
            case ARSH -> c.ishr();
            case DIV, SDIV, MOD, SMOD -> {
                // Arithmetic's 32-bit forms return the zero-extended result already.
                c.invokestatic(Descriptors.ARITHMETIC, op.mnemonic() + "32", Descriptors.INT_INT_TO_LONG);
                cx.storeReg(dst);
                return;
            }
            case MOV -> throw new AssertionError();
        }
        cx.zeroExtend();
        cx.storeReg(dst);
    }

    static void neg(EmitContext cx, Neg n) {
        cx.loadReg(n.dst());
        if (n.width() == Width.W64) {
            cx.code.lneg();
        } else {
            cx.code.l2i();
            cx.code.ineg();
            cx.zeroExtend();
        }
        cx.storeReg(n.dst());
    }

    static void movSx(EmitContext cx, MovSx m) {
        cx.loadReg(m.src());
        cx.code.l2i();
        switch (m.fromBits()) {
            case 8 -> cx.code.i2b();
            case 16 -> cx.code.i2s();
            default -> { }
        }
        if (m.width() == Width.W64) {
            cx.code.i2l();
        } else {
            cx.zeroExtend();
        }
        cx.storeReg(m.dst());
    }

    static void byteSwap(EmitContext cx, ByteSwap s) {
        CodeBuilder c = cx.code;
        if (s.kind() == SwapKind.TO_LE) {
            // Little-endian is eBPF's own byte order: converting to it only truncates.
            if (s.bits() == 64) {
                return;
            }
            cx.loadReg(s.dst());
            c.loadConstant(s.bits() == 16 ? 0xffffL : 0xffffffffL);
            c.land();
            cx.storeReg(s.dst());
            return;
        }
        cx.loadReg(s.dst());
        switch (s.bits()) {
            case 16 -> {
                c.l2i();
                c.invokestatic(INTEGER, "reverseBytes", MethodTypeDesc.of(CD_int, CD_int));
                c.loadConstant(16);
                c.iushr();
                c.i2l();
            }
            case 32 -> {
                c.l2i();
                c.invokestatic(INTEGER, "reverseBytes", MethodTypeDesc.of(CD_int, CD_int));
                cx.zeroExtend();
            }
            default -> c.invokestatic(LONG, "reverseBytes", MethodTypeDesc.of(CD_long, CD_long));
        }
        cx.storeReg(s.dst());
    }

    static void loadImm64(EmitContext cx, LoadImm64 l) {
        cx.code.loadConstant(l.value());
        cx.storeReg(l.dst());
    }

    /** A map handle or map-value address: a constant, as the interpreter's loader (which checked the index) resolves it. */
    static void loadMapReference(EmitContext cx, int pc, LoadImm64 l) {
        cx.code.loadConstant(MapReferences.resolve(cx.plan.program(), pc, l, Integer.MAX_VALUE));
        cx.storeReg(l.dst());
    }
}
