package dev.extos.verifier.domain;

import java.util.Random;

/** Seeded generators of abstract scalars together with concrete members of them. */
final class Samples {
    private final Random random;

    Samples(long seed) {
        random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A concrete value biased towards edges and small numbers. */
    long value() {
        return switch (random.nextInt(8)) {
            case 0 -> random.nextInt(17) - 8;
            case 1 -> random.nextInt(1 << 12);
            case 2 -> Long.MIN_VALUE + random.nextInt(4);
            case 3 -> Long.MAX_VALUE - random.nextInt(4);
            case 4 -> (random.nextInt(9) - 4) + (1L << 32) * random.nextInt(3);
            case 5 -> Integer.MIN_VALUE + (long) random.nextInt(4) - 2;
            case 6 -> random.nextInt();
            default -> random.nextLong();
        };
    }

    /** A small positive delta for ranges. */
    private long delta() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(3);
            case 1 -> random.nextInt(300);
            case 2 -> 1L << random.nextInt(40);
            default -> random.nextLong() >>> random.nextInt(64);
        };
    }

    /** An abstract scalar containing {@code c}. */
    Scalar around(long c) {
        Scalar s = switch (random.nextInt(7)) {
            case 0 -> Scalar.constant(c);
            case 1 -> {
                long lo = c - delta();
                long hi = c + delta();
                yield Long.compareUnsigned(lo, c) <= 0 && Long.compareUnsigned(c, hi) <= 0 ? Scalar.unsigned(lo, hi) : Scalar.UNKNOWN;
            }
            case 2 -> {
                long lo = c - delta();
                long hi = c + delta();
                yield lo <= c && c <= hi ? Scalar.signed(lo, hi) : Scalar.UNKNOWN;
            }
            case 3 -> {
                long m = random.nextLong() & random.nextLong();
                yield Scalar.of(new Tnum(c & ~m, m));
            }
            case 4 -> {
                long m = (1L << random.nextInt(64)) - 1;
                yield Scalar.of(new Tnum(c & ~m, m));
            }
            case 5 -> {
                int lo = (int) c - (int) (delta() & 0xffff);
                int hi = (int) c + (int) (delta() & 0xffff);
                Scalar r = Integer.compareUnsigned(lo, (int) c) <= 0 && Integer.compareUnsigned((int) c, hi) <= 0
                        ? Scalar.UNKNOWN.withUnsigned32(lo, hi) : Scalar.UNKNOWN;
                yield r;
            }
            default -> Scalar.UNKNOWN;
        };
        if (!s.contains(c)) {
            throw new AssertionError("generator bug: " + s + " lacks " + c);
        }
        return s;
    }

    /** A concrete member of {@code s} (biased towards its edges), or {@code fallback}. */
    long member(Scalar s, long fallback) {
        for (int tries = 0; tries < 8; tries++) {
            long x = switch (random.nextInt(6)) {
                case 0 -> s.umin();
                case 1 -> s.umax();
                case 2 -> s.smin();
                case 3 -> s.smax();
                default -> s.tnum().value() | (random.nextLong() & s.tnum().mask());
            };
            if (s.contains(x)) {
                return x;
            }
        }
        return fallback;
    }
}
