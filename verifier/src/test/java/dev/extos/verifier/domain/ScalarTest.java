package dev.extos.verifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.AluOp;
import dev.extos.isa.JumpCondition;
import dev.extos.isa.Width;
import org.junit.jupiter.api.Test;

class ScalarTest {
    private static final int SAMPLES = 100_000;
    private final Samples samples = new Samples(7);

    @Test
    void everyAluOpIsSoundOnBothWidths() {
        for (Width w : Width.values()) {
            for (AluOp op : AluOp.values()) {
                for (int i = 0; i < SAMPLES; i++) {
                    long c = samples.value();
                    long d = op == AluOp.LSH || op == AluOp.RSH || op == AluOp.ARSH
                            ? (samples.random().nextBoolean() ? samples.random().nextInt(70) : samples.value()) : samples.value();
                    Scalar a = samples.around(c);
                    Scalar b = samples.around(d);
                    Scalar r = ScalarAlu.apply(w, op, a, b);
                    long x = samples.member(a, c);
                    long y = samples.member(b, d);
                    long expected = w == Width.W64 ? Concrete.alu64(op, x, y) : Concrete.alu32(op, x, y);
                    assertThat(r.contains(expected))
                            .as("%s%s %s, %s = %s must hold %d (x=%d, y=%d)", op, w.suffix(), a, b, r, expected, x, y)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void unaryOpsAreSound() {
        for (int i = 0; i < SAMPLES; i++) {
            long c = samples.value();
            Scalar a = samples.around(c);
            long x = samples.member(a, c);
            assertThat(ScalarAlu.neg(Width.W64, a).contains(-x)).isTrue();
            assertThat(ScalarAlu.neg(Width.W32, a).contains((-(int) x) & 0xffff_ffffL)).isTrue();
            assertThat(ScalarAlu.signExtend(a, 8).contains((byte) x)).as("sext8 %s of %d", a, x).isTrue();
            assertThat(ScalarAlu.signExtend(a, 16).contains((short) x)).as("sext16 %s of %d", a, x).isTrue();
            assertThat(ScalarAlu.signExtend(a, 32).contains((int) x)).isTrue();
            assertThat(ScalarAlu.truncate(a, 8).contains(x & 0xff)).isTrue();
            assertThat(ScalarAlu.truncate(a, 16).contains(x & 0xffff)).isTrue();
            assertThat(ScalarAlu.truncate(a, 32).contains(x & 0xffff_ffffL)).isTrue();
            assertThat(ScalarAlu.byteSwap(a, 16).contains(Short.reverseBytes((short) x) & 0xffffL)).isTrue();
            assertThat(ScalarAlu.byteSwap(a, 32).contains(Integer.reverseBytes((int) x) & 0xffff_ffffL)).isTrue();
            assertThat(ScalarAlu.byteSwap(a, 64).contains(Long.reverseBytes(x))).isTrue();
        }
    }

    @Test
    void syncNeverLosesAMember() {
        for (int i = 0; i < SAMPLES; i++) {
            long c = samples.value();
            Scalar a = samples.around(c);
            Scalar b = samples.around(c);
            Scalar r = a.intersect(b);
            assertThat(r).isNotNull();
            assertThat(r.contains(c)).as("%s ∩ %s = %s must hold %d", a, b, r, c).isTrue();
        }
    }

    @Test
    void branchRefinementKeepsEveryPairOnItsSide() {
        for (Width w : Width.values()) {
            for (JumpCondition cond : JumpCondition.values()) {
                for (int i = 0; i < SAMPLES / 4; i++) {
                    long c = samples.value();
                    long d = samples.random().nextInt(4) == 0 ? c : samples.value();
                    Scalar a = samples.around(c);
                    Scalar b = samples.around(d);
                    long x = samples.member(a, c);
                    long y = samples.member(b, d);
                    boolean holds = holds(w, cond, x, y);
                    ScalarCompare.Pair p = ScalarCompare.refine(w, cond, a, b, holds);
                    assertThat(p).as("%s%s %s %s must allow %d, %d (holds=%s)", cond, w.suffix(), a, b, x, y, holds).isNotNull();
                    assertThat(p.a().contains(x) && p.b().contains(y))
                            .as("%s%s %s %s -> %s must keep %d, %d (holds=%s)", cond, w.suffix(), a, b, p, x, y, holds).isTrue();
                    Boolean known = ScalarCompare.outcome(w, cond, a, b);
                    if (known != null) {
                        assertThat(known).isEqualTo(holds);
                    }
                }
            }
        }
    }

    static boolean holds(Width w, JumpCondition cond, long x, long y) {
        if (w == Width.W32) {
            boolean signed = switch (cond) {
                case SGT, SGE, SLT, SLE -> true;
                default -> false;
            };
            x = signed ? (int) x : x & 0xffff_ffffL;
            y = signed ? (int) y : y & 0xffff_ffffL;
        }
        return switch (cond) {
            case EQ -> x == y;
            case NE -> x != y;
            case GT -> Long.compareUnsigned(x, y) > 0;
            case GE -> Long.compareUnsigned(x, y) >= 0;
            case LT -> Long.compareUnsigned(x, y) < 0;
            case LE -> Long.compareUnsigned(x, y) <= 0;
            case SGT -> x > y;
            case SGE -> x >= y;
            case SLT -> x < y;
            case SLE -> x <= y;
            case SET -> (x & y) != 0;
        };
    }

    @Test
    void preciseExamples() {
        Scalar byteVal = Scalar.ofWidth(8);
        assertThat(byteVal.umax()).isEqualTo(255);
        Scalar sum = ScalarAlu.apply(Width.W64, AluOp.ADD, byteVal, Scalar.constant(10));
        assertThat(sum.umin()).isEqualTo(10);
        assertThat(sum.umax()).isEqualTo(265);
        Scalar masked = ScalarAlu.apply(Width.W64, AluOp.AND, Scalar.UNKNOWN, Scalar.constant(0xff));
        assertThat(masked.umax()).isEqualTo(255);
        assertThat(masked.smin()).isEqualTo(0);
        Scalar shifted = ScalarAlu.apply(Width.W64, AluOp.LSH, byteVal, Scalar.constant(3));
        assertThat(shifted.umax()).isEqualTo(255 * 8);
        assertThat(shifted.tnum().value() & 7).isZero();
        ScalarCompare.Pair lt = ScalarCompare.refine(Width.W64, JumpCondition.LT, Scalar.UNKNOWN, Scalar.constant(100), true);
        assertThat(lt.a().umax()).isEqualTo(99);
        ScalarCompare.Pair ge = ScalarCompare.refine(Width.W64, JumpCondition.LT, Scalar.UNKNOWN, Scalar.constant(100), false);
        assertThat(ge.a().umin()).isEqualTo(100);
        ScalarCompare.Pair sgt = ScalarCompare.refine(Width.W64, JumpCondition.SGT, Scalar.UNKNOWN, Scalar.constant(-1), true);
        assertThat(sgt.a().smin()).isEqualTo(0);
        assertThat(sgt.a().umax()).isEqualTo(Long.MAX_VALUE);
        assertThat(ScalarCompare.outcome(Width.W64, JumpCondition.GT, byteVal, Scalar.constant(255))).isFalse();
        ScalarCompare.Pair w32 = ScalarCompare.refine(Width.W32, JumpCondition.LT, ScalarAlu.zeroExtend32(Scalar.UNKNOWN), Scalar.constant(16), true);
        assertThat(w32.a().umax()).isEqualTo(15);
        Scalar sx = ScalarAlu.signExtend(Scalar.ofWidth(8), 8);
        assertThat(sx.smin()).isEqualTo(-128);
        assertThat(sx.smax()).isEqualTo(127);
        assertThat(ScalarAlu.apply(Width.W32, AluOp.MOV, Scalar.UNKNOWN, Scalar.constant(-1)).constantValue()).isEqualTo(0xffff_ffffL);
    }
}
