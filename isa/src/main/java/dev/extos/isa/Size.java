package dev.extos.isa;

/** Size of a memory access: byte, half word, word or double word. */
public enum Size {
    B(1), H(2), W(4), DW(8);

    private final int bytes;

    Size(int bytes) {
        this.bytes = bytes;
    }

    /** The number of bytes accessed. */
    public int bytes() {
        return bytes;
    }

    /** The size accessing {@code bytes} bytes (1, 2, 4 or 8). */
    public static Size ofBytes(int bytes) {
        return switch (bytes) {
            case 1 -> B;
            case 2 -> H;
            case 4 -> W;
            case 8 -> DW;
            default -> throw new IllegalArgumentException("no access size of " + bytes + " bytes");
        };
    }

    /** The mnemonic suffix: "b", "h", "w" or "dw". */
    public String suffix() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
