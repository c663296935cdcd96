package dev.extos.isa;

/** The comparison of a conditional jump; the S forms compare signed values. */
public enum JumpCondition {
    EQ("jeq"), GT("jgt"), GE("jge"), SET("jset"), NE("jne"), SGT("jsgt"), SGE("jsge"),
    LT("jlt"), LE("jle"), SLT("jslt"), SLE("jsle");

    private final String mnemonic;

    JumpCondition(String mnemonic) {
        this.mnemonic = mnemonic;
    }

    /** The assembler mnemonic of the 64-bit form. */
    public String mnemonic() {
        return mnemonic;
    }

    /** The condition that holds exactly when this one does not (SET has none). */
    public JumpCondition negate() {
        return switch (this) {
            case EQ -> NE;
            case NE -> EQ;
            case GT -> LE;
            case LE -> GT;
            case GE -> LT;
            case LT -> GE;
            case SGT -> SLE;
            case SLE -> SGT;
            case SGE -> SLT;
            case SLT -> SGE;
            case SET -> throw new UnsupportedOperationException("jset has no negated form");
        };
    }
}
