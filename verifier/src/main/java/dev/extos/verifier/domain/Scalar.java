package dev.extos.verifier.domain;

/**
 * What is known about a 64-bit scalar: known bits plus signed and unsigned bounds on the whole
 * value and on its low 32 bits (u32 bounds are held in ints and compared unsigned). A value is in
 * the scalar only when it satisfies all nine facts; {@link #sync} lets each fact tighten the others.
 * Instances built through the factories are always synced and non-empty.
 */
public record Scalar(Tnum tnum, long smin, long smax, long umin, long umax,
                     int s32min, int s32max, int u32min, int u32max) {

    private static final long HIGH = 0xffff_ffff_0000_0000L;

    /** Any 64-bit value. */
    public static final Scalar UNKNOWN = new Scalar(Tnum.UNKNOWN, Long.MIN_VALUE, Long.MAX_VALUE, 0, -1L,
            Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1);

    /** Exactly {@code v}. */
    public static Scalar constant(long v) {
        return new Scalar(Tnum.constant(v), v, v, v, v, (int) v, (int) v, (int) v, (int) v);
    }

    /** Any value with these known bits. */
    public static Scalar of(Tnum t) {
        return UNKNOWN.withTnum(t);
    }

    /** Any value in [min, max] compared unsigned. */
    public static Scalar unsigned(long min, long max) {
        return require(new Scalar(Tnum.UNKNOWN, Long.MIN_VALUE, Long.MAX_VALUE, min, max,
                Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1).sync());
    }

    /** Any value in [min, max] compared signed. */
    public static Scalar signed(long min, long max) {
        return require(new Scalar(Tnum.UNKNOWN, min, max, 0, -1L,
                Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1).sync());
    }

    /** Any value whose low {@code bits} bits may be anything and whose upper bits are zero. */
    public static Scalar ofWidth(int bits) {
        return bits >= 64 ? UNKNOWN : unsigned(0, (1L << bits) - 1);
    }

    static Scalar require(Scalar s) {
        if (s == null) {
            throw new IllegalStateException("abstract operation produced an empty scalar (verifier bug)");
        }
        return s;
    }

    /** True when exactly one value is possible. */
    public boolean isConstant() {
        return tnum.isConstant();
    }

    /** The value when {@link #isConstant()}. */
    public long constantValue() {
        return tnum.value();
    }

    /** True when {@code x} satisfies every fact. */
    public boolean contains(long x) {
        int lo = (int) x;
        return tnum.contains(x) && x >= smin && x <= smax
                && Long.compareUnsigned(x, umin) >= 0 && Long.compareUnsigned(x, umax) <= 0
                && lo >= s32min && lo <= s32max
                && Integer.compareUnsigned(lo, u32min) >= 0 && Integer.compareUnsigned(lo, u32max) <= 0;
    }

    /** True when every value of this scalar is a value of {@code o} (compares every fact). */
    public boolean isSubsetOf(Scalar o) {
        return tnum.isSubsetOf(o.tnum) && smin >= o.smin && smax <= o.smax
                && Long.compareUnsigned(umin, o.umin) >= 0 && Long.compareUnsigned(umax, o.umax) <= 0
                && s32min >= o.s32min && s32max <= o.s32max
                && Integer.compareUnsigned(u32min, o.u32min) >= 0 && Integer.compareUnsigned(u32max, o.u32max) <= 0;
    }

    /** The values in both, or null when there are none. */
    public Scalar intersect(Scalar o) {
        if (!tnum.compatible(o.tnum)) {
            return null;
        }
        return new Scalar(tnum.intersect(o.tnum), Math.max(smin, o.smin), Math.min(smax, o.smax),
                maxU(umin, o.umin), minU(umax, o.umax), Math.max(s32min, o.s32min), Math.min(s32max, o.s32max),
                maxU32(u32min, o.u32min), minU32(u32max, o.u32max)).sync();
    }

    /** This scalar restricted to the given known bits (null when empty). */
    public Scalar withTnum(Tnum t) {
        if (!tnum.compatible(t)) {
            return null;
        }
        return new Scalar(tnum.intersect(t), smin, smax, umin, umax, s32min, s32max, u32min, u32max).sync();
    }

    /** This scalar restricted to unsigned [min, max] (null when empty). */
    public Scalar withUnsigned(long min, long max) {
        return new Scalar(tnum, smin, smax, maxU(umin, min), minU(umax, max), s32min, s32max, u32min, u32max).sync();
    }

    /** This scalar restricted to signed [min, max] (null when empty). */
    public Scalar withSigned(long min, long max) {
        return new Scalar(tnum, Math.max(smin, min), Math.min(smax, max), umin, umax, s32min, s32max, u32min, u32max).sync();
    }

    /** This scalar with its low 32 bits restricted to unsigned [min, max] (null when empty). */
    public Scalar withUnsigned32(int min, int max) {
        return new Scalar(tnum, smin, smax, umin, umax, s32min, s32max, maxU32(u32min, min), minU32(u32max, max)).sync();
    }

    /** This scalar with its low 32 bits restricted to signed [min, max] (null when empty). */
    public Scalar withSigned32(int min, int max) {
        return new Scalar(tnum, smin, smax, umin, umax, Math.max(s32min, min), Math.min(s32max, max), u32min, u32max).sync();
    }

    /**
     * Lets every fact tighten the others until nothing changes (a few rounds suffice), returning
     * null when the facts contradict each other, i.e. no value satisfies them all.
     */
    public Scalar sync() {
        Scalar s = this;
        for (int round = 0; round < 4; round++) {
            Scalar next = s.syncOnce();
            if (next == null || next.equals(s)) {
                return next;
            }
            s = next;
        }
        return s;
    }

    private Scalar syncOnce() {
        Tnum t = tnum;
        long sMin = smin, sMax = smax, uMin = umin, uMax = umax;
        int s32Min = s32min, s32Max = s32max, u32Min = u32min, u32Max = u32max;

        // Known bits bound every view of the value.
        uMin = maxU(uMin, t.umin());
        uMax = minU(uMax, t.umax());
        sMin = Math.max(sMin, t.smin());
        sMax = Math.min(sMax, t.smax());
        Tnum lo = t.low32();
        u32Min = maxU32(u32Min, (int) lo.umin());
        u32Max = minU32(u32Max, (int) lo.umax());
        s32Min = Math.max(s32Min, (int) (lo.value() | (lo.mask() & 0x8000_0000L)));
        s32Max = Math.min(s32Max, (int) (lo.value() | (lo.mask() & 0x7fff_ffffL)));
        if (empty(sMin, sMax, uMin, uMax, s32Min, s32Max, u32Min, u32Max)) {
            return null;
        }

        // A range that does not cross the sign boundary means the same in both orders.
        if (sMin >= 0 || sMax < 0) {
            uMin = maxU(uMin, sMin);
            uMax = minU(uMax, sMax);
        }
        if ((uMin ^ uMax) >= 0) {
            sMin = Math.max(sMin, uMin);
            sMax = Math.min(sMax, uMax);
        }
        if (s32Min >= 0 || s32Max < 0) {
            u32Min = maxU32(u32Min, s32Min);
            u32Max = minU32(u32Max, s32Max);
        }
        if ((u32Min ^ u32Max) >= 0) {
            s32Min = Math.max(s32Min, u32Min);
            s32Max = Math.min(s32Max, u32Max);
        }
        if (empty(sMin, sMax, uMin, uMax, s32Min, s32Max, u32Min, u32Max)) {
            return null;
        }

        // When the upper halves cannot differ, the low halves move monotonically with the value.
        if ((uMin >>> 32) == (uMax >>> 32)) {
            u32Min = maxU32(u32Min, (int) uMin);
            u32Max = minU32(u32Max, (int) uMax);
        }
        if ((sMin >> 32) == (sMax >> 32)) {
            u32Min = maxU32(u32Min, (int) sMin);
            u32Max = minU32(u32Max, (int) sMax);
        }
        if (sMin >= Integer.MIN_VALUE && sMax <= Integer.MAX_VALUE) {
            s32Min = Math.max(s32Min, (int) sMin);
            s32Max = Math.min(s32Max, (int) sMax);
        }
        if (empty(sMin, sMax, uMin, uMax, s32Min, s32Max, u32Min, u32Max)) {
            return null;
        }

        // And conversely the low-half bounds tighten the whole value under the same condition.
        if ((uMin >>> 32) == (uMax >>> 32)) {
            long hi = uMin & HIGH;
            uMin = maxU(uMin, hi | (u32Min & 0xffff_ffffL));
            uMax = minU(uMax, hi | (u32Max & 0xffff_ffffL));
        }
        if ((sMin >> 32) == (sMax >> 32)) {
            long hi = sMin & HIGH;
            sMin = Math.max(sMin, hi | (u32Min & 0xffff_ffffL));
            sMax = Math.min(sMax, hi | (u32Max & 0xffff_ffffL));
        }
        if (empty(sMin, sMax, uMin, uMax, s32Min, s32Max, u32Min, u32Max)) {
            return null;
        }

        // Bounds give known bits: the common prefix of the extremes is known.
        Tnum fromRange = Tnum.range(uMin, uMax);
        Tnum fromRange32 = new Tnum(0, HIGH).withLow32(Tnum.range(u32Min & 0xffff_ffffL, u32Max & 0xffff_ffffL));
        if (!t.compatible(fromRange) || !t.compatible(fromRange32)) {
            return null;
        }
        t = t.intersect(fromRange);
        if (!t.compatible(fromRange32)) {
            return null;
        }
        t = t.intersect(fromRange32);
        return new Scalar(t, sMin, sMax, uMin, uMax, s32Min, s32Max, u32Min, u32Max);
    }

    private static boolean empty(long sMin, long sMax, long uMin, long uMax, int s32Min, int s32Max, int u32Min, int u32Max) {
        return sMin > sMax || Long.compareUnsigned(uMin, uMax) > 0 || s32Min > s32Max
                || Integer.compareUnsigned(u32Min, u32Max) > 0;
    }

    static long maxU(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    static long minU(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    static int maxU32(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? a : b;
    }

    static int minU32(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /**
     * A well-mixed hash: the record default combines {@code Long.hashCode}s, under which whole
     * families of ranges collide (every k * 0xffffffff hashes alike), which turns the explorer's
     * state sets into linear scans.
     */
    @Override
    public int hashCode() {
        long h = mix(tnum.value() ^ 0x9E37_79B9_7F4A_7C15L);
        h = mix(h ^ tnum.mask());
        h = mix(h ^ smin);
        h = mix(h ^ smax);
        h = mix(h ^ umin);
        h = mix(h ^ umax);
        h = mix(h ^ (((long) s32min << 32) | (s32max & 0xffff_ffffL)));
        h = mix(h ^ (((long) u32min << 32) | (u32max & 0xffff_ffffL)));
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scalar s && s.smin == smin && s.smax == smax && s.umin == umin && s.umax == umax
                && s.s32min == s32min && s.s32max == s32max && s.u32min == u32min && s.u32max == u32max && s.tnum.equals(tnum);
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51_afd7_ed55_8ccdL;
        h ^= h >>> 33;
        h *= 0xc4ce_b9fe_1a85_ec53L;
        return h ^ (h >>> 33);
    }

    @Override
    public String toString() {
        if (isConstant()) {
            return Long.toString(tnum.value());
        }
        StringBuilder b = new StringBuilder("scalar(");
        String sep = "";
        if (smin != Long.MIN_VALUE) { b.append(sep).append("smin=").append(smin); sep = ","; }
        if (smax != Long.MAX_VALUE) { b.append(sep).append("smax=").append(smax); sep = ","; }
        if (umin != 0) { b.append(sep).append("umin=").append(Long.toUnsignedString(umin)); sep = ","; }
        if (umax != -1L) { b.append(sep).append("umax=").append(Long.toUnsignedString(umax)); sep = ","; }
        if (s32min != Integer.MIN_VALUE && s32min != smin) { b.append(sep).append("smin32=").append(s32min); sep = ","; }
        if (s32max != Integer.MAX_VALUE && s32max != smax) { b.append(sep).append("smax32=").append(s32max); sep = ","; }
        if (u32min != 0 && (u32min & 0xffff_ffffL) != umin) { b.append(sep).append("umin32=").append(Integer.toUnsignedString(u32min)); sep = ","; }
        if (u32max != -1 && (u32max & 0xffff_ffffL) != umax) { b.append(sep).append("umax32=").append(Integer.toUnsignedString(u32max)); sep = ","; }
        if (tnum.mask() != -1L && !tnum.equals(Tnum.range(umin, umax))) { b.append(sep).append("var_off=").append(tnum); }
        return b.append(')').toString();
    }
}
