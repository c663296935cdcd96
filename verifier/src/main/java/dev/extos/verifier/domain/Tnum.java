package dev.extos.verifier.domain;

/**
 * A tristate number: each of the 64 bits is known 0, known 1 or unknown. Bits set in {@code mask}
 * are unknown; the others have the value of the same bit in {@code value}. Every operation is a
 * sound over-approximation: if x is in a and y is in b then x OP y is in a.op(b).
 */
public record Tnum(long value, long mask) {

    /** The tnum holding every 64-bit value. */
    public static final Tnum UNKNOWN = new Tnum(0, -1L);

    public Tnum {
        // Keeping unknown bits zero in value makes equal sets have equal representations.
        value &= ~mask;
    }

    /** The tnum holding exactly {@code v}. */
    public static Tnum constant(long v) {
        return new Tnum(v, 0);
    }

    /** The smallest tnum holding every unsigned value in [min, max]. */
    public static Tnum range(long min, long max) {
        long differing = min ^ max;
        int bits = 64 - Long.numberOfLeadingZeros(differing);
        if (bits >= 64) {
            return UNKNOWN;
        }
        long low = (1L << bits) - 1;
        return new Tnum(min & ~low, low);
    }

    /** True when every bit is known. */
    public boolean isConstant() {
        return mask == 0;
    }

    /** True when {@code x} is one of the values this tnum holds. */
    public boolean contains(long x) {
        return (x & ~mask) == value;
    }

    /** True when every value of this tnum is a value of {@code other}. */
    public boolean isSubsetOf(Tnum other) {
        return (mask & ~other.mask) == 0 && (value & ~other.mask) == other.value;
    }

    /** Smallest value as unsigned. */
    public long umin() {
        return value;
    }

    /** Largest value as unsigned. */
    public long umax() {
        return value | mask;
    }

    /** Smallest value as signed: the sign bit set when unknown, all other unknown bits clear. */
    public long smin() {
        return value | (mask & Long.MIN_VALUE);
    }

    /** Largest value as signed: the sign bit clear when unknown, all other unknown bits set. */
    public long smax() {
        return value | (mask & Long.MAX_VALUE);
    }

    public Tnum add(Tnum b) {
        long sumMask = mask + b.mask;
        long sumValue = value + b.value;
        // Bits where a carry may or may not arrive differ between the two extreme sums.
        long carries = (sumMask + sumValue) ^ sumValue;
        long unknown = carries | mask | b.mask;
        return new Tnum(sumValue, unknown);
    }

    public Tnum sub(Tnum b) {
        long diff = value - b.value;
        long high = diff + mask;
        long low = diff - b.mask;
        long unknown = (high ^ low) | mask | b.mask;
        return new Tnum(diff, unknown);
    }

    public Tnum and(Tnum b) {
        long maybeA = value | mask;
        long maybeB = b.value | b.mask;
        long known1 = value & b.value;
        return new Tnum(known1, maybeA & maybeB & ~known1);
    }

    public Tnum or(Tnum b) {
        long known1 = value | b.value;
        return new Tnum(known1, (mask | b.mask) & ~known1);
    }

    public Tnum xor(Tnum b) {
        long unknown = mask | b.mask;
        return new Tnum(value ^ b.value, unknown);
    }

    /**
     * Long multiplication bit by bit: for each bit of this that is known 1 add the other's unknown
     * part, for each unknown bit add everything the other may hold; the known product is exact.
     */
    public Tnum mul(Tnum b) {
        long knownProduct = value * b.value;
        Tnum acc = constant(0);
        long av = value;
        long am = mask;
        long bv = b.value;
        long bm = b.mask;
        for (int i = 0; i < 64 && (av | am) != 0; i++) {
            if ((av & 1) != 0) {
                acc = acc.add(new Tnum(0, bm));
            } else if ((am & 1) != 0) {
                acc = acc.add(new Tnum(0, bv | bm));
            }
            av >>>= 1;
            am >>>= 1;
            bv <<= 1;
            bm <<= 1;
        }
        return constant(knownProduct).add(acc);
    }

    public Tnum shl(int shift) {
        return new Tnum(value << shift, mask << shift);
    }

    public Tnum shr(int shift) {
        return new Tnum(value >>> shift, mask >>> shift);
    }

    /** Arithmetic shift: an unknown sign bit makes every bit shifted in unknown. */
    public Tnum sar(int shift) {
        return new Tnum(value >> shift, mask >> shift);
    }

    /** Values in both (assumes the two are compatible; see {@link #compatible}). */
    public Tnum intersect(Tnum b) {
        long v = value | b.value;
        long m = mask & b.mask;
        return new Tnum(v & ~m, m);
    }

    /** False when no value is in both, i.e. some bit is known to differ. */
    public boolean compatible(Tnum b) {
        return ((value ^ b.value) & ~mask & ~b.mask) == 0;
    }

    /** Smallest tnum holding the values of both. */
    public Tnum join(Tnum b) {
        long m = mask | b.mask | (value ^ b.value);
        return new Tnum(value & ~m, m);
    }

    /** The low {@code bits} bits, zero-extended. */
    public Tnum truncate(int bits) {
        if (bits >= 64) {
            return this;
        }
        long keep = (1L << bits) - 1;
        return new Tnum(value & keep, mask & keep);
    }

    /** The low 32 bits, zero-extended. */
    public Tnum low32() {
        return truncate(32);
    }

    /** The low {@code bits} bits, sign-extended: an unknown sign bit makes the upper bits unknown. */
    public Tnum signExtend(int bits) {
        if (bits >= 64) {
            return this;
        }
        int s = 64 - bits;
        return new Tnum((value << s) >> s, (mask << s) >> s);
    }

    /** This tnum with its low 32 bits replaced by the low 32 bits of {@code low}. */
    public Tnum withLow32(Tnum low) {
        long hi = 0xffff_ffff_0000_0000L;
        return new Tnum((value & hi) | (low.value & 0xffff_ffffL), (mask & hi) | (low.mask & 0xffff_ffffL));
    }

    /** Byte swap of the low {@code bits} bits (zero-extended); exact, since bits just move. */
    public Tnum byteSwap(int bits) {
        Tnum t = truncate(bits);
        int s = 64 - bits;
        return new Tnum(Long.reverseBytes(t.value) >>> s, Long.reverseBytes(t.mask) >>> s);
    }

    @Override
    public String toString() {
        return isConstant() ? Long.toString(value) : String.format("(%#x; %#x)", value, mask);
    }
}
