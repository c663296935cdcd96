package dev.extos.isa;

/** Read-modify-write operations of the atomic store instructions. */
public enum AtomicOp {
    ADD("add"), OR("or"), AND("and"), XOR("xor"), XCHG("xchg"), CMPXCHG("cmpxchg");

    private final String mnemonic;

    AtomicOp(String mnemonic) {
        this.mnemonic = mnemonic;
    }

    /** The assembler mnemonic (after {@code lock} and an optional {@code fetch}). */
    public String mnemonic() {
        return mnemonic;
    }

    /** XCHG and CMPXCHG always return the old value; the others only with the fetch flag. */
    public boolean alwaysFetches() {
        return this == XCHG || this == CMPXCHG;
    }
}
