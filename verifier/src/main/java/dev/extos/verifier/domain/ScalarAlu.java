package dev.extos.verifier.domain;

import dev.extos.isa.AluOp;
import dev.extos.isa.Width;

/**
 * Transfer functions of the ALU on scalars, with eBPF's semantics: 32-bit operations work on the
 * low halves and zero-extend, shift amounts are masked to the width, unsigned division by zero
 * gives 0 and modulo by zero leaves the dividend. Every function over-approximates.
 */
public final class ScalarAlu {
    private ScalarAlu() {
    }

    /** {@code a OP b} on the given width ({@code MOV} yields b). */
    public static Scalar apply(Width width, AluOp op, Scalar a, Scalar b) {
        if (width == Width.W64) {
            return apply64(op, a, b);
        }
        boolean signed = op == AluOp.ARSH || op == AluOp.SDIV || op == AluOp.SMOD;
        // Computing on the extended low halves and truncating is exact for every operation, given
        // the extension matching its signedness and a shift amount masked to 5 bits.
        Scalar x = signed ? signExtend32(a) : zeroExtend32(a);
        Scalar y = op == AluOp.SDIV || op == AluOp.SMOD ? signExtend32(b) : zeroExtend32(b);
        if (op == AluOp.LSH || op == AluOp.RSH || op == AluOp.ARSH) {
            y = maskShift(y, 31);
        }
        return zeroExtend32(apply64(op, x, y));
    }

    static Scalar apply64(AluOp op, Scalar a, Scalar b) {
        if (a.isConstant() && b.isConstant() && op != AluOp.MOV) {
            return Scalar.constant(Concrete.alu64(op, a.constantValue(), b.constantValue()));
        }
        return switch (op) {
            case MOV -> b;
            case ADD -> add(a, b);
            case SUB -> sub(a, b);
            case MUL -> mul(a, b);
            case AND -> and(a, b);
            case OR -> or(a, b);
            case XOR -> Scalar.of(a.tnum().xor(b.tnum()));
            case LSH -> shift(op, a, maskShift(b, 63));
            case RSH -> shift(op, a, maskShift(b, 63));
            case ARSH -> shift(op, a, maskShift(b, 63));
            case DIV -> div(a, b);
            case MOD -> mod(a, b);
            case SDIV -> sdiv(a, b);
            case SMOD -> smod(a, b);
        };
    }

    /** {@code -a} on the given width. */
    public static Scalar neg(Width width, Scalar a) {
        return apply(width, AluOp.SUB, Scalar.constant(0), a);
    }

    /** The low 32 bits of {@code a}, zero-extended (what every 32-bit ALU result and mov32 give). */
    public static Scalar zeroExtend32(Scalar a) {
        long lo = a.u32min() & 0xffff_ffffL;
        long hi = a.u32max() & 0xffff_ffffL;
        return Scalar.require(new Scalar(a.tnum().low32(), lo, hi, lo, hi,
                a.s32min(), a.s32max(), a.u32min(), a.u32max()).sync());
    }

    /** The low 32 bits of {@code a}, sign-extended. */
    public static Scalar signExtend32(Scalar a) {
        return Scalar.require(new Scalar(a.tnum().signExtend(32), a.s32min(), a.s32max(), 0, -1L,
                a.s32min(), a.s32max(), a.u32min(), a.u32max()).sync());
    }

    /** The low {@code bits} bits of {@code a} (8, 16, 32 or 64), zero-extended. */
    public static Scalar truncate(Scalar a, int bits) {
        if (bits == 64) {
            return a;
        }
        if (bits == 32) {
            return zeroExtend32(a);
        }
        long m = (1L << bits) - 1;
        Scalar r = Scalar.ofWidth(bits);
        if ((a.umin() >>> bits) == (a.umax() >>> bits)) {
            r = r.withUnsigned(a.umin() & m, a.umax() & m);
        }
        return Scalar.require(Scalar.require(r).withTnum(a.tnum().truncate(bits)));
    }

    /** The low {@code bits} bits of {@code a} (8, 16 or 32), sign-extended to 64 bits. */
    public static Scalar signExtend(Scalar a, int bits) {
        if (bits == 32) {
            return signExtend32(a);
        }
        long half = 1L << (bits - 1);
        if (a.smin() >= -half && a.smax() < half) {
            return a; // already a sign-extended value of that width: nothing changes
        }
        Scalar low = truncate(a, bits);
        Scalar r;
        if (Long.compareUnsigned(low.umax(), half) < 0) {
            r = Scalar.signed(low.umin(), low.umax());
        } else if (Long.compareUnsigned(low.umin(), half) >= 0) {
            r = Scalar.signed(low.umin() - 2 * half, low.umax() - 2 * half);
        } else {
            r = Scalar.signed(-half, half - 1);
        }
        return Scalar.require(r.withTnum(a.tnum().signExtend(bits)));
    }

    /** Byte swap of the low {@code bits} bits (16, 32 or 64), zero-extended. */
    public static Scalar byteSwap(Scalar a, int bits) {
        return Scalar.of(a.tnum().byteSwap(bits));
    }

    private static Scalar maskShift(Scalar b, int mask) {
        if (b.isConstant()) {
            return Scalar.constant(b.constantValue() & mask);
        }
        return Scalar.require(Scalar.unsigned(0, mask).withTnum(b.tnum().truncate(mask == 63 ? 6 : 5)));
    }

    private static boolean addOverflows(long x, long y, long r) {
        return ((x ^ r) & (y ^ r)) < 0;
    }

    private static boolean subOverflows(long x, long y, long r) {
        return ((x ^ y) & (x ^ r)) < 0;
    }

    private static Scalar add(Scalar a, Scalar b) {
        long lo = a.smin() + b.smin();
        long hi = a.smax() + b.smax();
        boolean signedOk = !addOverflows(a.smin(), b.smin(), lo) && !addOverflows(a.smax(), b.smax(), hi);
        long ulo = a.umin() + b.umin();
        long uhi = a.umax() + b.umax();
        boolean unsignedOk = Long.compareUnsigned(uhi, a.umax()) >= 0;
        return combine(a.tnum().add(b.tnum()), signedOk, lo, hi, unsignedOk, ulo, uhi);
    }

    private static Scalar sub(Scalar a, Scalar b) {
        long lo = a.smin() - b.smax();
        long hi = a.smax() - b.smin();
        boolean signedOk = !subOverflows(a.smin(), b.smax(), lo) && !subOverflows(a.smax(), b.smin(), hi);
        boolean unsignedOk = Long.compareUnsigned(a.umin(), b.umax()) >= 0;
        return combine(a.tnum().sub(b.tnum()), signedOk, lo, hi, unsignedOk, a.umin() - b.umax(), a.umax() - b.umin());
    }

    private static Scalar mul(Scalar a, Scalar b) {
        boolean unsignedOk = Math.unsignedMultiplyHigh(a.umax(), b.umax()) == 0;
        long lo = 0, hi = 0;
        boolean signedOk = true;
        try {
            long p1 = Math.multiplyExact(a.smin(), b.smin());
            long p2 = Math.multiplyExact(a.smin(), b.smax());
            long p3 = Math.multiplyExact(a.smax(), b.smin());
            long p4 = Math.multiplyExact(a.smax(), b.smax());
            lo = Math.min(Math.min(p1, p2), Math.min(p3, p4));
            hi = Math.max(Math.max(p1, p2), Math.max(p3, p4));
        } catch (ArithmeticException overflow) {
            signedOk = false;
        }
        return combine(a.tnum().mul(b.tnum()), signedOk, lo, hi, unsignedOk, a.umin() * b.umin(), a.umax() * b.umax());
    }

    private static Scalar and(Scalar a, Scalar b) {
        Scalar r = Scalar.of(a.tnum().and(b.tnum()));
        r = r.withUnsigned(0, Scalar.minU(a.umax(), b.umax()));
        if (a.smin() >= 0 || b.smin() >= 0) {
            // anding with a non-negative value clears the sign bit and cannot grow it
            long cap = a.smin() >= 0 && b.smin() >= 0 ? Math.min(a.smax(), b.smax()) : a.smin() >= 0 ? a.smax() : b.smax();
            r = r.withSigned(0, cap);
        }
        return Scalar.require(r);
    }

    private static Scalar or(Scalar a, Scalar b) {
        return Scalar.require(Scalar.of(a.tnum().or(b.tnum())).withUnsigned(Scalar.maxU(a.umin(), b.umin()), -1L));
    }

    private static Scalar combine(Tnum t, boolean signedOk, long smin, long smax, boolean unsignedOk, long umin, long umax) {
        Scalar r = Scalar.of(t);
        if (signedOk) {
            r = r.withSigned(smin, smax);
        }
        if (unsignedOk) {
            r = Scalar.require(r).withUnsigned(umin, umax);
        }
        return Scalar.require(r);
    }

    private static Scalar shift(AluOp op, Scalar a, Scalar amount) {
        if (amount.isConstant()) {
            int s = (int) amount.constantValue();
            if (s == 0) {
                return a;
            }
            return switch (op) {
                case LSH -> {
                    Scalar r = Scalar.of(a.tnum().shl(s));
                    yield (a.umax() >>> (64 - s)) == 0 ? Scalar.require(r.withUnsigned(a.umin() << s, a.umax() << s)) : r;
                }
                case RSH -> Scalar.require(Scalar.of(a.tnum().shr(s)).withUnsigned(a.umin() >>> s, a.umax() >>> s));
                default -> Scalar.require(Scalar.of(a.tnum().sar(s)).withSigned(a.smin() >> s, a.smax() >> s));
            };
        }
        // An unknown amount: right shifts only move the value towards 0 (or -1), left shifts anywhere.
        return switch (op) {
            case LSH -> Scalar.UNKNOWN;
            case RSH -> Scalar.unsigned(0, a.umax());
            default -> Scalar.signed(Math.min(a.smin(), 0), Math.max(a.smax(), -1));
        };
    }

    private static Scalar div(Scalar a, Scalar b) {
        if (b.isConstant()) {
            long c = b.constantValue();
            if (c == 0) {
                return Scalar.constant(0);
            }
            return Scalar.unsigned(Long.divideUnsigned(a.umin(), c), Long.divideUnsigned(a.umax(), c));
        }
        long divisor = b.umin() == 0 ? 1 : b.umin();
        return Scalar.unsigned(0, Long.divideUnsigned(a.umax(), divisor));
    }

    private static Scalar mod(Scalar a, Scalar b) {
        if (b.umin() == 0) {
            // a divisor that may be zero may leave the dividend as it is
            return b.umax() == 0 ? a : Scalar.unsigned(0, a.umax());
        }
        if (Long.compareUnsigned(a.umax(), b.umin()) < 0) {
            return a; // the dividend is below every possible divisor
        }
        return Scalar.unsigned(0, Scalar.minU(a.umax(), b.umax() - 1));
    }

    private static Scalar sdiv(Scalar a, Scalar b) {
        if (!b.isConstant()) {
            return Scalar.UNKNOWN;
        }
        long c = b.constantValue();
        if (c == 0) {
            return Scalar.constant(0);
        }
        if (c == -1) {
            return sub(Scalar.constant(0), a);
        }
        long x = a.smin() / c;
        long y = a.smax() / c;
        return Scalar.signed(Math.min(x, y), Math.max(x, y));
    }

    private static Scalar smod(Scalar a, Scalar b) {
        if (!b.isConstant()) {
            return Scalar.UNKNOWN;
        }
        long c = b.constantValue();
        if (c == 0) {
            return a;
        }
        if (c == -1) {
            return Scalar.constant(0);
        }
        long m = c == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(c) - 1;
        if (a.smin() > -m - 1 && a.smax() <= m) {
            return a; // |a| < |c|: the remainder is a itself
        }
        return Scalar.signed(a.smin() >= 0 ? 0 : -m, a.smax() <= 0 ? 0 : m);
    }
}
