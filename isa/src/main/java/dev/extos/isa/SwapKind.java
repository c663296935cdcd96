package dev.extos.isa;

/** Byte-swap flavours: convert to little-endian, to big-endian, or swap unconditionally (v4 bswap). */
public enum SwapKind {
    TO_LE("le"), TO_BE("be"), SWAP("swap");

    private final String mnemonic;

    SwapKind(String mnemonic) {
        this.mnemonic = mnemonic;
    }

    /** The assembler mnemonic prefix; the bit count follows ("be16"). */
    public String mnemonic() {
        return mnemonic;
    }
}
