package dev.extos.verifier.engine;

import dev.extos.isa.AluOp;
import dev.extos.isa.Instruction;
import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import dev.extos.isa.Reg;
import dev.extos.isa.SwapKind;
import dev.extos.isa.Width;
import dev.extos.verifier.domain.Scalar;
import dev.extos.verifier.domain.ScalarAlu;
import dev.extos.verifier.state.Area;
import dev.extos.verifier.state.RegType;
import dev.extos.verifier.state.RegType.PtrToPacket;
import dev.extos.verifier.state.State;

/**
 * Register arithmetic: scalars go through the abstract domains; pointers admit only what keeps
 * them meaningful (plus or minus a bounded scalar, minus a pointer into the same region).
 */
final class AluRule {
    /** Offsets past this magnitude are rejected so pointer arithmetic can never wrap a region. */
    static final long MAX_OFFSET = 1L << 29;

    private AluRule() {
    }

    static State alu(Instruction.Alu a, State s, Env env) {
        RegType src = Regs.read(s, a.src());
        if (a.op() == AluOp.MOV) {
            if (a.width() == Width.W64) {
                return s.withReg(a.dst(), src);
            }
            if (src.isPointer()) {
                throw new VerifyError("32-bit mov of pointer " + a.src() + "=" + src + " would truncate it");
            }
            return s.withReg(a.dst(), RegType.scalar(ScalarAlu.zeroExtend32(((RegType.ScalarReg) src).value())));
        }
        RegType dst = Regs.read(s, a.dst());
        if (dst instanceof RegType.ScalarReg(Scalar x) && src instanceof RegType.ScalarReg(Scalar y)) {
            return s.withReg(a.dst(), RegType.scalar(ScalarAlu.apply(a.width(), a.op(), x, y)));
        }
        if (a.width() == Width.W32) {
            throw new VerifyError("32-bit " + a.op().mnemonic() + " on pointer " + (dst.isPointer() ? a.dst() + "=" + dst : a.src() + "=" + src)
                    + " is not allowed");
        }
        return s.withReg(a.dst(), pointerArithmetic(a.op(), dst, src, env));
    }

    private static RegType pointerArithmetic(AluOp op, RegType dst, RegType src, Env env) {
        if (op == AluOp.ADD && dst.isPointer() && src instanceof RegType.ScalarReg(Scalar y)) {
            return offset(dst, y, false, env);
        }
        if (op == AluOp.ADD && src.isPointer() && dst instanceof RegType.ScalarReg(Scalar x)) {
            return offset(src, x, false, env);
        }
        if (op == AluOp.SUB && dst.isPointer() && src instanceof RegType.ScalarReg(Scalar y)) {
            return offset(dst, y, true, env);
        }
        if (op == AluOp.SUB && dst.isPointer() && src.isPointer()) {
            return difference(dst, src);
        }
        throw new VerifyError("pointer arithmetic " + op.mnemonic() + " " + dst + ", " + src + " is not allowed"
                + " (only pointer +/- scalar and pointer - pointer into the same region)");
    }

    private static RegType offset(RegType ptr, Scalar delta, boolean subtract, Env env) {
        return switch (ptr) {
            case RegType.PtrToCtx(Scalar off) -> new RegType.PtrToCtx(move(off, delta, subtract));
            case RegType.PtrToStack(int frame, Scalar off) -> new RegType.PtrToStack(frame, move(off, delta, subtract));
            case RegType.PtrToMem(long size, Scalar off) -> new RegType.PtrToMem(size, move(off, delta, subtract));
            case RegType.MapValue m -> {
                if (m.maybeNull()) {
                    throw new VerifyError("arithmetic on " + m + ", which may be null; compare it with 0 first");
                }
                yield new RegType.MapValue(m.mapId(), m.size(), move(m.off(), delta, subtract));
            }
            case RegType.PtrToRingbuf r -> {
                if (r.maybeNull()) {
                    throw new VerifyError("arithmetic on " + r + ", which may be null; compare it with 0 first");
                }
                yield new RegType.PtrToRingbuf(r.ref(), r.size(), false, move(r.off(), delta, subtract));
            }
            case RegType.MapHandle h -> throw new VerifyError("arithmetic on map handle " + h
                    + " is not allowed (a map is only passed to helpers; map_lookup_elem gives a pointer into a value)");
            case PtrToPacket p -> {
                if (delta.isConstant()) {
                    long d = subtract ? -delta.constantValue() : delta.constantValue();
                    long off = p.off() + d;
                    if (Math.abs(d) >= MAX_OFFSET || Math.abs(off) >= MAX_OFFSET) {
                        throw new VerifyError("offset " + off + " makes the " + p.area().label() + " pointer go out of bounds");
                    }
                    yield new PtrToPacket(p.area(), p.id(), p.varOff(), off, p.range());
                }
                // A variable part starts a new family of pointers with nothing proven about it yet.
                Scalar var = move(p.varOff(), delta, subtract);
                if (var.umax() > 0xffff || var.smin() < 0) {
                    throw new VerifyError("variable offset " + var + " added to a " + p.area().label()
                            + " pointer must be within [0, 65535]");
                }
                yield new PtrToPacket(p.area(), env.newId(), var, p.off(), 0);
            }
            default -> throw new VerifyError("arithmetic on " + ptr + " is not allowed");
        };
    }

    private static Scalar move(Scalar off, Scalar delta, boolean subtract) {
        Scalar r = ScalarAlu.apply(Width.W64, subtract ? AluOp.SUB : AluOp.ADD, off, delta);
        if (r.smin() <= -MAX_OFFSET || r.smax() >= MAX_OFFSET) {
            throw new VerifyError("pointer offset " + r + " is not within +-2^29 (the scalar added is not bounded enough)");
        }
        return r;
    }

    /**
     * {@code end - p} for a pointer into the same packet-like area: the bytes from p to the end.
     * Both lie in one region, which is smaller than 4 GiB; at least {@code range - off} when p is
     * proven in bounds (the record's length as C code computes it: {@code data_end - data}).
     */
    private static Scalar bytesLeft(PtrToPacket p) {
        return p.off() <= p.range() ? Scalar.unsigned(p.range() - p.off(), 0xffff_ffffL) : Scalar.UNKNOWN;
    }

    private static RegType difference(RegType a, RegType b) {
        Scalar x;
        Scalar y;
        switch (a) {
            case RegType.PtrToStack(int f, Scalar off) when b instanceof RegType.PtrToStack(int g, Scalar off2) && f == g -> {
                x = off;
                y = off2;
            }
            case RegType.PtrToMem(long size, Scalar off) when b instanceof RegType.PtrToMem(long s2, Scalar off2) -> {
                x = off;
                y = off2;
            }
            case RegType.PtrToCtx(Scalar off) when b instanceof RegType.PtrToCtx(Scalar off2) -> {
                x = off;
                y = off2;
            }
            case RegType.MapValue(int m, long size, boolean n1, int i1, Scalar off)
                    when b instanceof RegType.MapValue(int m2, long s2, boolean n2, int i2, Scalar off2) && m == m2 && !n1 && !n2 -> {
                x = off;
                y = off2;
            }
            case RegType.PtrToRingbuf(int ref, long size, boolean n1, Scalar off)
                    when b instanceof RegType.PtrToRingbuf(int ref2, long s2, boolean n2, Scalar off2) && ref == ref2 && !n1 && !n2 -> {
                x = off;
                y = off2;
            }
            case PtrToPacket p when b instanceof PtrToPacket q && p.area() == q.area() -> {
                if (p.id() == q.id()) {
                    x = Scalar.constant(p.off());
                    y = Scalar.constant(q.off());
                } else {
                    return RegType.scalar(Scalar.UNKNOWN);
                }
            }
            case RegType.PacketEnd(Area end) when b instanceof PtrToPacket q && q.area() == end -> {
                return RegType.scalar(bytesLeft(q));
            }
            case RegType.PacketEnd(Area end) when b instanceof RegType.PacketEnd(Area end2) && end == end2 -> {
                return RegType.scalar(Scalar.constant(0));
            }
            case PtrToPacket p when b instanceof RegType.PacketEnd(Area end) && p.area() == end -> {
                return RegType.scalar(ScalarAlu.neg(Width.W64, bytesLeft(p)));
            }
            default -> throw new VerifyError("subtraction of pointers into different regions (" + a + " - " + b + ") is not allowed");
        }
        return RegType.scalar(ScalarAlu.apply(Width.W64, AluOp.SUB, x, y));
    }

    static State neg(Instruction.Neg n, State s) {
        Scalar v = Regs.scalar(s, n.dst(), "neg");
        return s.withReg(n.dst(), RegType.scalar(ScalarAlu.neg(n.width(), v)));
    }

    static State movsx(Instruction.MovSx m, State s) {
        Scalar v = Regs.scalar(s, m.src(), "movsx");
        Scalar r = ScalarAlu.signExtend(v, m.fromBits());
        return s.withReg(m.dst(), RegType.scalar(m.width() == Width.W32 ? ScalarAlu.zeroExtend32(r) : r));
    }

    static State byteSwap(Instruction.ByteSwap b, State s) {
        Scalar v = Regs.scalar(s, b.dst(), "byte swap");
        // The machine is little-endian: "to little-endian" only truncates to the width.
        Scalar r = b.kind() == SwapKind.TO_LE ? ScalarAlu.truncate(v, b.bits()) : ScalarAlu.byteSwap(v, b.bits());
        return s.withReg(b.dst(), RegType.scalar(r));
    }

    /**
     * {@code lddw}: a constant; {@code map_fd i}, the handle of map i; {@code map_value i, off},
     * a pointer {@code off} bytes into the only value of map i (global data: a one-entry array).
     */
    static State loadImm64(Instruction.LoadImm64 l, State s, Env env) {
        return switch (l.kind()) {
            case CONSTANT -> s.withReg(l.dst(), RegType.scalar(Scalar.constant(l.value())));
            case MAP_FD -> {
                mapIndex(l, env);
                if (l.nextImm() != 0) {
                    throw new VerifyError("lddw map_fd takes no offset (found " + l.nextImm() + "); use map_value for a pointer into a value");
                }
                yield s.withReg(l.dst(), new RegType.MapHandle(l.imm()));
            }
            case MAP_VALUE -> {
                MapSpec m = mapIndex(l, env);
                if (m.type() != MapType.ARRAY || m.maxEntries() != 1) {
                    throw new VerifyError("lddw map_value needs a one-entry array map (global data), but map " + l.imm() + " ("
                            + m.name() + ") is a " + m.type().label() + " map with " + m.maxEntries() + " entries");
                }
                long off = l.nextImm();
                if (off < 0 || off >= m.valueSize()) {
                    throw new VerifyError("lddw map_value offset " + off + " is outside the " + m.valueSize() + "-byte value of map "
                            + l.imm() + " (" + m.name() + ")");
                }
                yield s.withReg(l.dst(), new RegType.MapValue(l.imm(), m.valueSize(), Scalar.constant(off)));
            }
            default -> throw new VerifyError("lddw " + l.kind().mnemonic() + " is not supported: only constants, map_fd and"
                    + " map_value are (the loader resolves maps to indices in the program's map list)");
        };
    }

    private static MapSpec mapIndex(Instruction.LoadImm64 l, Env env) {
        int i = l.imm();
        if (i < 0 || i >= env.maps().size()) {
            throw new VerifyError("lddw " + l.kind().mnemonic() + " " + i + ": the program has "
                    + (env.maps().isEmpty() ? "no maps" : env.maps().size() + " map" + (env.maps().size() == 1 ? "" : "s")
                    + " (indices 0.." + (env.maps().size() - 1) + ")"));
        }
        return env.maps().get(i);
    }

}
