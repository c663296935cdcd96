package dev.extos.isa.asm;

/** One lexical token of an assembly line, with its 1-based column. */
record Token(Kind kind, String text, int column) {
    enum Kind { WORD, COMMA, LBRACKET, RBRACKET, COLON, PLUS, MINUS }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isWord(String w) {
        return kind == Kind.WORD && text.equals(w);
    }
}
