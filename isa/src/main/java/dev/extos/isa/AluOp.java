package dev.extos.isa;

/** Binary arithmetic and logic operations (negation, sign-extending moves and byte swaps have their own records). */
public enum AluOp {
    ADD("add"), SUB("sub"), MUL("mul"), DIV("div"), SDIV("sdiv"), OR("or"), AND("and"), LSH("lsh"),
    RSH("rsh"), MOD("mod"), SMOD("smod"), XOR("xor"), MOV("mov"), ARSH("arsh");

    private final String mnemonic;

    AluOp(String mnemonic) {
        this.mnemonic = mnemonic;
    }

    /** The assembler mnemonic of the 64-bit form. */
    public String mnemonic() {
        return mnemonic;
    }
}
