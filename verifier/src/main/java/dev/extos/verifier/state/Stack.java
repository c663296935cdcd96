package dev.extos.verifier.state;

import dev.extos.verifier.domain.Scalar;
import java.util.Arrays;

/**
 * One 512-byte stack frame, immutable. Each byte is invalid (never written), misc (some data),
 * zero, or part of an 8-byte aligned spill that keeps a register's full type, so pointers and
 * precise scalars survive a store and reload.
 */
public final class Stack {
    /** Bytes per frame. */
    public static final int SIZE = 512;
    public static final byte INVALID = 0;
    public static final byte MISC = 1;
    public static final byte ZERO = 2;
    public static final byte SPILL = 3;

    private static final Stack EMPTY = new Stack(new byte[SIZE], new RegType[SIZE / 8]);

    private final byte[] kinds;       // kinds[i] describes byte fp-512+i
    private final RegType[] spills;   // spills[slot] when its 8 bytes are SPILL
    private final int hash;

    private Stack(byte[] kinds, RegType[] spills) {
        this.kinds = kinds;
        this.spills = spills;
        this.hash = 31 * Arrays.hashCode(kinds) + Arrays.hashCode(spills);
    }

    /** A frame nothing was written to. */
    public static Stack empty() {
        return EMPTY;
    }

    /** Kind of the byte at {@code index} (0 = fp-512, 511 = fp-1). */
    public byte kind(int index) {
        return kinds[index];
    }

    /** The spilled register of the 8-byte slot holding byte {@code index}, or null. */
    public RegType spill(int index) {
        return kinds[index] == SPILL ? spills[index / 8] : null;
    }

    /** Stores a full register into the aligned slot at {@code index}. */
    public Stack withSpill(int index, RegType value) {
        byte[] k = kinds.clone();
        RegType[] s = spills.clone();
        Arrays.fill(k, index, index + 8, SPILL);
        s[index / 8] = value;
        return new Stack(k, s);
    }

    /**
     * Marks {@code size} bytes at {@code index} as written with data of {@code kind} (MISC or
     * ZERO). A spill partly overwritten loses its type: its other bytes become misc data.
     */
    public Stack withData(int index, int size, byte kind) {
        byte[] k = kinds.clone();
        RegType[] s = spills.clone();
        for (int i = index; i < index + size; i++) {
            breakSpill(k, s, i);
            k[i] = kind;
        }
        return new Stack(k, s);
    }

    /**
     * Marks every byte in [from, to) as possibly written with misc data by a store whose offset is
     * not known exactly: spills there lose their type, zero bytes become misc, bytes never
     * written stay unreadable.
     */
    public Stack withMaybeWritten(int from, int to) {
        byte[] k = kinds.clone();
        RegType[] s = spills.clone();
        for (int i = from; i < to; i++) {
            breakSpill(k, s, i);
            if (k[i] == ZERO) {
                k[i] = MISC; // it may now hold the stored data
            }
        }
        return new Stack(k, s);
    }

    private static void breakSpill(byte[] k, RegType[] s, int i) {
        if (k[i] == SPILL) {
            int base = i & ~7;
            RegType old = s[base / 8];
            byte fill = old instanceof RegType.ScalarReg(Scalar v) && v.isConstant() && v.constantValue() == 0 ? ZERO : MISC;
            Arrays.fill(k, base, base + 8, fill);
            s[base / 8] = null;
        }
    }

    /** True when any byte in [from, to) has never been written. */
    public boolean anyInvalid(int from, int to) {
        for (int i = from; i < to; i++) {
            if (kinds[i] == INVALID) {
                return true;
            }
        }
        return false;
    }

    /** True when every byte in [from, to) is ZERO (or a spilled constant 0). */
    public boolean allZero(int from, int to) {
        for (int i = from; i < to; i++) {
            RegType sp = spill(i);
            boolean zero = kinds[i] == ZERO || (sp instanceof RegType.ScalarReg(Scalar v) && v.isConstant() && v.constantValue() == 0);
            if (!zero) {
                return false;
            }
        }
        return true;
    }

    /**
     * A copy with each spilled register replaced by {@code f(spill)}. A spill that becomes
     * {@link RegType.NotInit} (e.g. a released pointer) leaves its 8 bytes unwritten, so no
     * part of it can be read back as data.
     */
    public Stack mapSpills(java.util.function.UnaryOperator<RegType> f) {
        RegType[] s = spills.clone();
        byte[] k = kinds;
        boolean changed = false;
        for (int i = 0; i < s.length; i++) {
            if (s[i] != null) {
                RegType n = f.apply(s[i]);
                changed |= n != s[i];
                if (n instanceof RegType.NotInit) {
                    k = k == kinds ? kinds.clone() : k;
                    Arrays.fill(k, i * 8, i * 8 + 8, INVALID);
                    n = null;
                }
                s[i] = n;
            }
        }
        return changed ? new Stack(k, s) : this;
    }

    /** The spilled register of slot {@code slot} (0..63), or null. */
    public RegType slotSpill(int slot) {
        return spills[slot];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stack st && st.hash == hash && Arrays.equals(st.kinds, kinds) && Arrays.equals(st.spills, spills);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The written part, e.g. {@code fp-8=misc fp-16=ctx(off=0)}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int slot = SIZE / 8 - 1; slot >= 0; slot--) {
            int base = slot * 8;
            String text;
            if (kinds[base] == SPILL) {
                text = String.valueOf(spills[slot]);
            } else {
                StringBuilder t = new StringBuilder();
                boolean any = false;
                for (int i = base; i < base + 8; i++) {
                    t.append("?mz".charAt(kinds[i]));
                    any |= kinds[i] != INVALID;
                }
                if (!any) {
                    continue;
                }
                text = t.toString();
            }
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append("fp").append(base - SIZE).append('=').append(text);
        }
        return b.toString();
    }
}
