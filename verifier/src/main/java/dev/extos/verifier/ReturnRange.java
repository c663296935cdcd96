package dev.extos.verifier;

/**
 * The values r0 may hold at program exit, as an unsigned range over the whole register or (when
 * {@code low32}) over its low 32 bits only, which is all some hooks look at.
 */
public record ReturnRange(long min, long max, boolean low32) {
    /** Any 64-bit value. */
    public static final ReturnRange ANY = new ReturnRange(0, -1L, false);
    /** Any value; only the low 32 bits are used. */
    public static final ReturnRange ANY_U32 = new ReturnRange(0, 0xffff_ffffL, true);

    @Override
    public String toString() {
        return "[" + Long.toUnsignedString(min) + ", " + Long.toUnsignedString(max) + "]" + (low32 ? " (low 32 bits)" : "");
    }
}
