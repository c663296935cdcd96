package dev.extos.verifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BinaryOperator;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;

class TnumTest {
    private static final int SAMPLES = 100_000;
    private final Samples samples = new Samples(42);

    private Tnum tnumAround(long c) {
        long m = switch (samples.random().nextInt(3)) {
            case 0 -> 0;
            case 1 -> (1L << samples.random().nextInt(64)) - 1;
            default -> samples.random().nextLong() & samples.random().nextLong();
        };
        return new Tnum(c & ~m, m);
    }

    private long memberOf(Tnum t) {
        return t.value() | (samples.random().nextLong() & t.mask());
    }

    private void checkBinary(BinaryOperator<Tnum> abstractOp, LongBinaryOperator concreteOp) {
        for (int i = 0; i < SAMPLES; i++) {
            Tnum a = tnumAround(samples.value());
            Tnum b = tnumAround(samples.value());
            Tnum r = abstractOp.apply(a, b);
            long x = memberOf(a);
            long y = memberOf(b);
            assertThat(r.contains(concreteOp.applyAsLong(x, y)))
                    .as("%s op %s = %s must hold %d op %d", a, b, r, x, y).isTrue();
        }
    }

    @Test void addIsSound() { checkBinary(Tnum::add, Long::sum); }
    @Test void subIsSound() { checkBinary(Tnum::sub, (x, y) -> x - y); }
    @Test void mulIsSound() { checkBinary(Tnum::mul, (x, y) -> x * y); }
    @Test void andIsSound() { checkBinary(Tnum::and, (x, y) -> x & y); }
    @Test void orIsSound() { checkBinary(Tnum::or, (x, y) -> x | y); }
    @Test void xorIsSound() { checkBinary(Tnum::xor, (x, y) -> x ^ y); }
    @Test void joinHoldsBoth() {
        checkBinary(Tnum::join, (x, y) -> samples.random().nextBoolean() ? x : y);
    }

    @Test
    void shiftsAndCastsAreSound() {
        for (int i = 0; i < SAMPLES; i++) {
            Tnum a = tnumAround(samples.value());
            long x = memberOf(a);
            int s = samples.random().nextInt(64);
            assertThat(a.shl(s).contains(x << s)).isTrue();
            assertThat(a.shr(s).contains(x >>> s)).isTrue();
            assertThat(a.sar(s).contains(x >> s)).isTrue();
            assertThat(a.low32().contains(x & 0xffff_ffffL)).isTrue();
            assertThat(a.signExtend(32).contains((long) (int) x)).isTrue();
            assertThat(a.signExtend(16).contains((long) (short) x)).isTrue();
            assertThat(a.signExtend(8).contains((long) (byte) x)).isTrue();
            assertThat(a.byteSwap(16).contains(Short.reverseBytes((short) x) & 0xffffL)).isTrue();
            assertThat(a.byteSwap(32).contains(Integer.reverseBytes((int) x) & 0xffff_ffffL)).isTrue();
            assertThat(a.byteSwap(64).contains(Long.reverseBytes(x))).isTrue();
            assertThat(x >= a.smin() && x <= a.smax()).isTrue();
            assertThat(Long.compareUnsigned(x, a.umin()) >= 0 && Long.compareUnsigned(x, a.umax()) <= 0).isTrue();
        }
    }

    @Test
    void rangeHoldsEveryValueInIt() {
        for (int i = 0; i < SAMPLES; i++) {
            long p = samples.value();
            long q = samples.value();
            long lo = Long.compareUnsigned(p, q) <= 0 ? p : q;
            long hi = lo == p ? q : p;
            Tnum t = Tnum.range(lo, hi);
            assertThat(t.contains(lo) && t.contains(hi)).isTrue();
            if (hi != lo) {
                long mid = lo + Long.remainderUnsigned(samples.random().nextLong(), hi - lo);
                assertThat(t.contains(mid)).isTrue();
            }
        }
    }

    @Test
    void intersectKeepsCommonValues() {
        for (int i = 0; i < SAMPLES; i++) {
            long x = samples.value();
            Tnum a = tnumAround(x);
            Tnum b = tnumAround(x);
            assertThat(a.compatible(b)).isTrue();
            Tnum r = a.intersect(b);
            assertThat(r.contains(x)).isTrue();
            assertThat(r.isSubsetOf(a) && r.isSubsetOf(b)).isTrue();
        }
    }

    @Test
    void knownExamples() {
        assertThat(Tnum.constant(3).add(Tnum.constant(4))).isEqualTo(Tnum.constant(7));
        assertThat(Tnum.range(0, 255)).isEqualTo(new Tnum(0, 0xff));
        assertThat(new Tnum(0, 0xf).and(Tnum.constant(0x3))).isEqualTo(new Tnum(0, 0x3));
        assertThat(new Tnum(0x10, 0x1).mul(Tnum.constant(2))).isEqualTo(new Tnum(0x20, 0x2));
        assertThat(Tnum.constant(1).compatible(Tnum.constant(2))).isFalse();
        assertThat(Tnum.constant(0x1234).byteSwap(16)).isEqualTo(Tnum.constant(0x3412));
    }
}
