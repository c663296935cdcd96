package dev.extos.isa.asm;

import java.util.ArrayList;
import java.util.List;

/** Splits one assembly line into tokens; a {@code #} starts a comment that runs to the end of the line. */
final class LineLexer {
    private LineLexer() {
    }

    static List<Token> tokens(String line, int lineNumber) {
        List<Token> out = new ArrayList<>();
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
            Token.Kind single = switch (c) {
                case ',' -> Token.Kind.COMMA;
                case '[' -> Token.Kind.LBRACKET;
                case ']' -> Token.Kind.RBRACKET;
                case ':' -> Token.Kind.COLON;
                case '+' -> Token.Kind.PLUS;
                case '-' -> Token.Kind.MINUS;
                default -> null;
            };
            if (single != null) {
                out.add(new Token(single, String.valueOf(c), i + 1));
                i++;
                continue;
            }
            if (!isWordChar(c)) {
                throw new AssemblyException(lineNumber, i + 1, "unexpected character '" + c + "'");
            }
            int start = i;
            while (i < line.length() && isWordChar(line.charAt(i))) {
                i++;
            }
            out.add(new Token(Token.Kind.WORD, line.substring(start, i), start + 1));
        }
        return out;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '%' || c == '.' || c == '$';
    }
}
