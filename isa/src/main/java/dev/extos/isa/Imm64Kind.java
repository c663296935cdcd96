package dev.extos.isa;

/**
 * What the 64-bit immediate of {@code lddw} means, from its source-register field: a plain
 * constant, or one of the kernel's pseudo forms that a loader resolves (map by fd or index,
 * a map value's address, a BTF object, a function's address).
 */
public enum Imm64Kind {
    CONSTANT(0, "imm"), MAP_FD(1, "map_fd"), MAP_VALUE(2, "map_value"), BTF_ID(3, "btf_id"),
    FUNC(4, "func"), MAP_IDX(5, "map_idx"), MAP_IDX_VALUE(6, "map_idx_value");

    private final int code;
    private final String mnemonic;

    Imm64Kind(int code, String mnemonic) {
        this.code = code;
        this.mnemonic = mnemonic;
    }

    /** The value of the source-register field that selects this kind. */
    public int code() {
        return code;
    }

    /** The name the assembler uses for this kind ({@code lddw %r1, map_fd 3}). */
    public String mnemonic() {
        return mnemonic;
    }

    /** The kind selected by source-register field {@code code}, or null if none is. */
    public static Imm64Kind ofCode(int code) {
        for (Imm64Kind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
