package dev.extos.verifier.engine;

import dev.extos.isa.Instruction;
import dev.extos.isa.JumpCondition;
import dev.extos.isa.Reg;
import dev.extos.isa.Width;
import dev.extos.verifier.domain.Scalar;
import dev.extos.verifier.domain.ScalarCompare;
import dev.extos.verifier.state.Area;
import dev.extos.verifier.state.RegType;
import dev.extos.verifier.state.RegType.PtrToPacket;
import dev.extos.verifier.state.State;

/**
 * Conditional jumps: each side gets the state refined by what the comparison proves, and a side
 * that cannot happen is not explored. Comparing a packet pointer with its end pointer proves how
 * many bytes past it are in bounds, for every pointer sharing its variable part.
 */
final class BranchRule {
    private BranchRule() {
    }

    /** The states on the fall-through side and on the taken side (null when impossible). */
    record Sides(State fallThrough, State taken) {
    }

    static Sides jump(Instruction.Jump j, State s) {
        RegType a = Regs.read(s, j.dst());
        RegType b = Regs.read(s, j.src());
        if (a instanceof RegType.ScalarReg(Scalar x) && b instanceof RegType.ScalarReg(Scalar y)) {
            return new Sides(scalarSide(j, s, x, y, false), scalarSide(j, s, x, y, true));
        }
        if (j.width() == Width.W32) {
            // A pointer's low 32 bits can be 0 (a region's first byte), so they prove nothing, not even non-null.
            throw new VerifyError("32-bit comparison of pointer " + (a.isPointer() ? j.dst() + "=" + a : j.src() + "=" + b)
                    + " is not allowed (test pointers, including for null, with 64-bit jumps)");
        }
        if (a.isPointer() && b.isPointer()) {
            return pointerPair(j, s, a, b);
        }
        RegType ptr = a.isPointer() ? a : b;
        Scalar other = ((RegType.ScalarReg) (a.isPointer() ? b : a)).value();
        if (other.isConstant() && other.constantValue() == 0 && (j.condition() == JumpCondition.EQ || j.condition() == JumpCondition.NE)) {
            return nullCheck(j, s, ptr);
        }
        throw new VerifyError("comparison of pointer " + ptr + " with a scalar is not allowed (only jeq/jne against 0, a null check)");
    }

    private static State scalarSide(Instruction.Jump j, State s, Scalar x, Scalar y, boolean holds) {
        ScalarCompare.Pair p = ScalarCompare.refine(j.width(), j.condition(), x, y, holds);
        if (p == null) {
            return null;
        }
        Scalar na = p.a();
        Scalar nb = p.b();
        if (j.src() instanceof Reg r) {
            if (r == j.dst()) {
                na = na.intersect(nb);
                if (na == null) {
                    return null;
                }
                nb = na;
            }
            s = s.withReg(r, RegType.scalar(nb));
        }
        return s.withReg(j.dst(), RegType.scalar(na));
    }

    private static Sides nullCheck(Instruction.Jump j, State s, RegType ptr) {
        boolean eq = j.condition() == JumpCondition.EQ;
        int id = ptr.nullId();
        if (id != 0) {
            // Every copy of the same lookup result (registers and spills, in every frame) learns the outcome together.
            State whenNull = s.mapAll(t -> t.nullId() == id ? RegType.scalar(Scalar.constant(0)) : t);
            State whenSet = s.mapAll(t -> t.nullId() == id ? nonNull(t) : t);
            if (ptr instanceof RegType.PtrToRingbuf r) {
                whenNull = whenNull.withoutRef(r.ref()); // nothing was reserved: there is nothing to release
            }
            return eq ? new Sides(whenSet, whenNull) : new Sides(whenNull, whenSet);
        }
        // Any other pointer is never null: only one side is possible.
        return eq ? new Sides(s, null) : new Sides(null, s);
    }

    private static RegType nonNull(RegType t) {
        return switch (t) {
            case RegType.MapValue m -> new RegType.MapValue(m.mapId(), m.size(), m.off());
            case RegType.PtrToRingbuf r -> new RegType.PtrToRingbuf(r.ref(), r.size(), false, r.off());
            default -> t;
        };
    }

    private static Sides pointerPair(Instruction.Jump j, State s, RegType a, RegType b) {
        JumpCondition c = j.condition();
        if (c == JumpCondition.SET) {
            throw new VerifyError("jset on pointers is not allowed");
        }
        PtrToPacket p = null;
        boolean pointerOnLeft = true;
        if (a instanceof PtrToPacket pa && isEndOf(b, pa.area())) {
            p = pa;
        } else if (b instanceof PtrToPacket pb && isEndOf(a, pb.area())) {
            p = pb;
            pointerOnLeft = false;
        }
        if (p == null) {
            if (!sameRegionKind(a, b)) {
                throw new VerifyError("comparison of pointers into different regions (" + a + ", " + b + ") is not allowed");
            }
            return new Sides(s, s);
        }
        // Normalise to "p REL end" and find what each side proves: p < end gives off+1 bytes, p <= end gives off.
        JumpCondition rel = pointerOnLeft ? c : swap(c);
        long proveTaken = proven(rel, p.off());
        long proveFall = rel == JumpCondition.EQ || rel == JumpCondition.NE ? proven(rel == JumpCondition.EQ ? JumpCondition.NE : JumpCondition.EQ, p.off())
                : proven(rel.negate(), p.off());
        return new Sides(widen(s, p, proveFall), widen(s, p, proveTaken));
    }

    /** Bytes past the pointer's base that a side where {@code p REL end} holds proves in bounds, or -1. */
    private static long proven(JumpCondition rel, long off) {
        return switch (rel) {
            case LT -> off + 1;
            case LE, EQ -> off;
            default -> -1;
        };
    }

    private static JumpCondition swap(JumpCondition c) {
        return switch (c) {
            case GT -> JumpCondition.LT;
            case GE -> JumpCondition.LE;
            case LT -> JumpCondition.GT;
            case LE -> JumpCondition.GE;
            case SGT -> JumpCondition.SLT;
            case SGE -> JumpCondition.SLE;
            case SLT -> JumpCondition.SGT;
            case SLE -> JumpCondition.SGE;
            default -> c;
        };
    }

    private static State widen(State s, PtrToPacket p, long range) {
        if (range <= 0) {
            return s;
        }
        return s.mapAll(t -> t instanceof PtrToPacket q && q.area() == p.area() && q.id() == p.id() && q.range() < range
                ? new PtrToPacket(q.area(), q.id(), q.varOff(), q.off(), range) : t);
    }

    private static boolean isEndOf(RegType end, Area area) {
        if (area == Area.META) {
            // Metadata ends where the packet data starts.
            return end instanceof PtrToPacket d && d.area() == Area.DATA && d.id() == 0 && d.off() == 0;
        }
        return end instanceof RegType.PacketEnd e && e.area() == area;
    }

    private static boolean sameRegionKind(RegType a, RegType b) {
        return switch (a) {
            case PtrToPacket p -> b instanceof PtrToPacket q && q.area() == p.area() || b instanceof RegType.PacketEnd e && e.area() == p.area();
            case RegType.PacketEnd e -> b instanceof PtrToPacket q && q.area() == e.area() || b.equals(e);
            case RegType.PtrToStack st -> b instanceof RegType.PtrToStack t && t.frame() == st.frame();
            default -> a.getClass() == b.getClass();
        };
    }

}
