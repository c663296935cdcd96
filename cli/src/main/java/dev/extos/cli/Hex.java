package dev.extos.cli;

import dev.extos.isa.ExtosException;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Hex text of raw bytes in memory order, as {@code --mem} and {@code .hex} files write them:
 * pairs of hex digits, with whitespace allowed between pairs and {@code #} starting a comment.
 */
final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    /** The bytes {@code text} spells; {@code source} names it in errors ("--mem", a file name). */
    static byte[] parse(String text, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int i = 0;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (c == '#') {
                    break;
                }
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                int start = i;
                while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '#') {
                    i++;
                }
                word(line.substring(start, i), out, where(source, lines.length, n + 1, start + 1));
            }
        }
        return out.toByteArray();
    }

    /** Whether {@code bytes} read as hex text in the form {@link #parse} accepts (used to guess a file's format). */
    static boolean looksLikeHexText(byte[] bytes) {
        boolean comment = false;
        for (byte b : bytes) {
            if (b == '\n') {
                comment = false;
            } else if (b == '#') {
                comment = true;
            } else if (!comment && !(isHexDigit(b) || b == ' ' || b == '\t' || b == '\r')) {
                return false;
            }
        }
        return true;
    }

    /** Eight bytes as 16 lowercase hex digits, in memory order. */
    static String format(byte[] bytes, int from, int length) {
        return LOWER.formatHex(bytes, from, from + length);
    }

    private static void word(String word, ByteArrayOutputStream out, String where) {
        for (int i = 0; i < word.length(); i++) {
            if (!isHexDigit(word.charAt(i))) {
                String hint = word.startsWith("0x") || word.startsWith("0X")
                        ? " (write bytes without a 0x prefix, e.g. 'aa bb 01')" : "";
                throw new ExtosException(where + ": '" + word + "' is not hex bytes: '" + word.charAt(i)
                        + "' is not a hex digit" + hint);
            }
        }
        if (word.length() % 2 != 0) {
            throw new ExtosException(where + ": '" + word + "' has an odd number of hex digits; each byte takes two");
        }
        out.writeBytes(LOWER.parseHex(word));
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String where(String source, int lineCount, int line, int column) {
        return lineCount > 1 ? source + ":" + line + ":" + column : source + ", column " + column;
    }
}
