package dev.extos.verifier.domain;

import dev.extos.isa.JumpCondition;
import dev.extos.isa.Width;

/**
 * Branch refinement: what two scalars can be on the side of a conditional jump where
 * {@code a COND b} holds (or does not). A null result means that side cannot happen.
 */
public final class ScalarCompare {
    private ScalarCompare() {
    }

    /** The refined pair on one side of a jump; both components are non-null. */
    public record Pair(Scalar a, Scalar b) {
    }

    /** Refines {@code a} and {@code b} assuming {@code (a COND b) == holds}; null when impossible. */
    public static Pair refine(Width width, JumpCondition cond, Scalar a, Scalar b, boolean holds) {
        JumpCondition c = holds ? cond : negate(cond);
        boolean setNegated = cond == JumpCondition.SET && !holds;
        if (width == Width.W64) {
            return setNegated ? notSet(a, b) : refine64(c, a, b);
        }
        boolean signed = switch (cond) {
            case SGT, SGE, SLT, SLE -> true;
            default -> false;
        };
        // Compare the low halves as 64-bit values extended the way the condition reads them,
        // then write what was learnt back into the 32-bit facts of the full registers.
        Scalar pa = signed ? ScalarAlu.signExtend32(a) : ScalarAlu.zeroExtend32(a);
        Scalar pb = signed ? ScalarAlu.signExtend32(b) : ScalarAlu.zeroExtend32(b);
        Pair p = setNegated ? notSet(pa, pb) : refine64(c, pa, pb);
        if (p == null) {
            return null;
        }
        Scalar ra = writeBack32(a, p.a(), signed);
        Scalar rb = writeBack32(b, p.b(), signed);
        return ra == null || rb == null ? null : new Pair(ra, rb);
    }

    /** TRUE or FALSE when the comparison's outcome is known, null when both sides are possible. */
    public static Boolean outcome(Width width, JumpCondition cond, Scalar a, Scalar b) {
        boolean canHold = refine(width, cond, a, b, true) != null;
        boolean canFail = refine(width, cond, a, b, false) != null;
        if (canHold && !canFail) {
            return Boolean.TRUE;
        }
        if (canFail && !canHold) {
            return Boolean.FALSE;
        }
        return null;
    }

    private static JumpCondition negate(JumpCondition c) {
        return c == JumpCondition.SET ? JumpCondition.SET : c.negate();
    }

    private static Scalar writeBack32(Scalar full, Scalar projected, boolean signed) {
        Scalar r = full.withTnum(full.tnum().withLow32(projected.tnum()));
        if (r == null) {
            return null;
        }
        return signed ? r.withSigned32((int) projected.smin(), (int) projected.smax())
                : r.withUnsigned32((int) projected.umin(), (int) projected.umax());
    }

    private static Pair both(Scalar a, Scalar b) {
        return a == null || b == null ? null : new Pair(a, b);
    }

    private static Pair refine64(JumpCondition c, Scalar a, Scalar b) {
        return switch (c) {
            case EQ -> {
                Scalar i = a.intersect(b);
                yield both(i, i);
            }
            case NE -> notEqual(a, b);
            case GT -> {
                if (b.umin() == -1L || a.umax() == 0) {
                    yield null;
                }
                yield both(a.withUnsigned(b.umin() + 1, -1L), b.withUnsigned(0, a.umax() - 1));
            }
            case GE -> both(a.withUnsigned(b.umin(), -1L), b.withUnsigned(0, a.umax()));
            case LT -> swap(refine64(JumpCondition.GT, b, a));
            case LE -> swap(refine64(JumpCondition.GE, b, a));
            case SGT -> {
                if (b.smin() == Long.MAX_VALUE || a.smax() == Long.MIN_VALUE) {
                    yield null;
                }
                yield both(a.withSigned(b.smin() + 1, Long.MAX_VALUE), b.withSigned(Long.MIN_VALUE, a.smax() - 1));
            }
            case SGE -> both(a.withSigned(b.smin(), Long.MAX_VALUE), b.withSigned(Long.MIN_VALUE, a.smax()));
            case SLT -> swap(refine64(JumpCondition.SGT, b, a));
            case SLE -> swap(refine64(JumpCondition.SGE, b, a));
            case SET -> isSet(a, b);
        };
    }

    private static Pair swap(Pair p) {
        return p == null ? null : new Pair(p.b(), p.a());
    }

    private static Pair notEqual(Scalar a, Scalar b) {
        if (a.isConstant() && b.isConstant()) {
            return a.constantValue() == b.constantValue() ? null : new Pair(a, b);
        }
        if (b.isConstant()) {
            return both(exclude(a, b.constantValue()), b);
        }
        if (a.isConstant()) {
            return both(a, exclude(b, a.constantValue()));
        }
        return new Pair(a, b);
    }

    /** Removes {@code v} from the scalar when it sits at the edge of a range. */
    private static Scalar exclude(Scalar s, long v) {
        Scalar r = s;
        if (r != null && r.umin() == v) {
            r = v == -1L ? null : r.withUnsigned(v + 1, -1L);
        }
        if (r != null && r.umax() == v) {
            r = v == 0 ? null : r.withUnsigned(0, v - 1);
        }
        if (r != null && r.smin() == v) {
            r = v == Long.MAX_VALUE ? null : r.withSigned(v + 1, Long.MAX_VALUE);
        }
        if (r != null && r.smax() == v) {
            r = v == Long.MIN_VALUE ? null : r.withSigned(Long.MIN_VALUE, v - 1);
        }
        return r;
    }

    private static Pair isSet(Scalar a, Scalar b) {
        if ((a.tnum().umax() & b.tnum().umax()) == 0) {
            return null; // no bit can be set in both
        }
        if (b.isConstant() && Long.bitCount(b.constantValue()) == 1) {
            return both(a.withTnum(new Tnum(b.constantValue(), ~b.constantValue())), b);
        }
        if (a.isConstant() && Long.bitCount(a.constantValue()) == 1) {
            return both(a, b.withTnum(new Tnum(a.constantValue(), ~a.constantValue())));
        }
        return new Pair(a, b);
    }

    private static Pair notSet(Scalar a, Scalar b) {
        if ((a.tnum().value() & b.tnum().value()) != 0) {
            return null; // some bit is known set in both
        }
        Scalar ra = a;
        Scalar rb = b;
        if (b.isConstant()) {
            ra = a.withTnum(new Tnum(0, ~b.constantValue()));
        }
        if (a.isConstant()) {
            rb = b.withTnum(new Tnum(0, ~a.constantValue()));
        }
        return both(ra, rb);
    }
}
