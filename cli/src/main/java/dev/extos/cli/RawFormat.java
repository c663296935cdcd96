package dev.extos.cli;

/** How raw program bytes are written down; the constants are named as they are typed after {@code --raw}. */
enum RawFormat {
    /** Hex text, one 8-byte instruction slot per line, in memory order. */
    hex,
    /** The bytes themselves. */
    bin;

    /** The format a file's name announces ({@code .hex}, {@code .bin}), or null when it says nothing. */
    static RawFormat fromName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".hex")) {
            return hex;
        }
        if (lower.endsWith(".bin")) {
            return bin;
        }
        return null;
    }

    /**
     * The format of {@code content} read from {@code name}: what the name says, else hex when the
     * bytes are all hex digits, blanks and comments (a real program's bytes almost never are:
     * nearly every instruction has a zero byte).
     */
    static RawFormat guess(String name, byte[] content) {
        RawFormat named = fromName(name);
        if (named != null) {
            return named;
        }
        return Hex.looksLikeHexText(content) ? hex : bin;
    }
}
