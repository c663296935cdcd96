package dev.extos.isa.asm;

import dev.extos.isa.Imm;
import dev.extos.isa.Operand;
import dev.extos.isa.Reg;
import java.math.BigInteger;
import java.util.List;

/** Reads the operands of one assembly line, reporting errors at the offending column. */
final class LineParser {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private final List<Token> tokens;
    private final int lineNumber;
    private final int endColumn;
    private int pos;

    LineParser(List<Token> tokens, int lineNumber, int endColumn) {
        this.tokens = tokens;
        this.lineNumber = lineNumber;
        this.endColumn = endColumn;
    }

    /** A memory operand {@code [reg+offset]}. */
    record Mem(Reg reg, int offset) {
    }

    int lineNumber() {
        return lineNumber;
    }

    AssemblyException error(Token at, String reason) {
        return new AssemblyException(lineNumber, at == null ? endColumn : at.column(), reason);
    }

    Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    Token next() {
        return tokens.get(pos++);
    }

    private Token expect(Token.Kind kind, String what) {
        Token t = peek();
        if (t == null) {
            throw error(null, "expected " + what + " but the line ends");
        }
        if (!t.is(kind)) {
            throw error(t, "expected " + what + " but found '" + t.text() + "'");
        }
        pos++;
        return t;
    }

    Token word(String what) {
        return expect(Token.Kind.WORD, what);
    }

    void comma() {
        expect(Token.Kind.COMMA, "','");
    }

    void end() {
        Token t = peek();
        if (t != null) {
            throw error(t, "unexpected '" + t.text() + "': too many operands");
        }
    }

    boolean peekReg() {
        Token t = peek();
        return t != null && t.is(Token.Kind.WORD) && registerNumber(t.text()) != null;
    }

    Reg reg() {
        Token t = expect(Token.Kind.WORD, "a register");
        Integer n = registerNumber(t.text());
        if (n == null) {
            throw error(t, "expected a register but found '" + t.text() + "'");
        }
        if (!Reg.isValid(n)) {
            throw error(t, "invalid register " + t.text() + " (eBPF has r0 to r10)");
        }
        return Reg.of(n);
    }

    private static Integer registerNumber(String text) {
        String s = text.startsWith("%") ? text.substring(1) : text;
        if (s.length() < 2 || s.charAt(0) != 'r') {
            return null;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return null;
            }
        }
        return s.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(s.substring(1));
    }

    Operand regOrImm32() {
        return peekReg() ? reg() : new Imm(imm32());
    }

    /**
     * A 32-bit immediate: signed decimal in [-2^31, 2^31), or hex up to 0xffffffff taken as its
     * bit pattern, as the suite writes {@code 0xffffff80} for -128.
     */
    int imm32() {
        Token at = peek();
        boolean negative = sign();
        Token t = expect(Token.Kind.WORD, "an immediate");
        BigInteger v = number(t);
        if (isHex(t.text())) {
            BigInteger limit = negative ? BigInteger.ONE.shiftLeft(31) : BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
            if (v.compareTo(limit) > 0) {
                throw error(at, "immediate " + (negative ? "-" : "") + t.text() + " does not fit in 32 bits");
            }
            return negative ? -v.intValue() : (int) v.longValue();
        }
        BigInteger signed = negative ? v.negate() : v;
        if (signed.bitLength() > 31) {
            throw error(at, "immediate " + (negative ? "-" : "") + t.text()
                    + " is outside the signed 32-bit range [-2147483648, 2147483647]");
        }
        return signed.intValue();
    }

    /** A 64-bit immediate for {@code lddw}: any value that fits in 64 bits, signed or unsigned. */
    long imm64() {
        Token at = peek();
        boolean negative = sign();
        Token t = expect(Token.Kind.WORD, "a 64-bit immediate");
        BigInteger v = number(t);
        BigInteger signed = negative ? v.negate() : v;
        if (signed.compareTo(TWO_64) >= 0 || signed.compareTo(BigInteger.ONE.shiftLeft(63).negate()) < 0) {
            throw error(at, "immediate " + (negative ? "-" : "") + t.text() + " does not fit in 64 bits");
        }
        return signed.longValue();
    }

    /** A signed number within [min, max], optionally preceded by + or -. */
    long signedNumber(long min, long max, String what) {
        Token at = peek();
        boolean negative = sign();
        Token t = expect(Token.Kind.WORD, what);
        BigInteger v = number(t);
        BigInteger signed = negative ? v.negate() : v;
        if (signed.compareTo(BigInteger.valueOf(min)) < 0 || signed.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(at, what + " " + (negative ? "-" : "") + t.text() + " is outside [" + min + ", " + max + "]");
        }
        return signed.longValue();
    }

    Mem mem() {
        expect(Token.Kind.LBRACKET, "'[' starting a memory operand");
        Reg r = reg();
        int offset = 0;
        Token t = peek();
        if (t != null && (t.is(Token.Kind.PLUS) || t.is(Token.Kind.MINUS))) {
            offset = (int) signedNumber(Short.MIN_VALUE, Short.MAX_VALUE, "offset");
        }
        expect(Token.Kind.RBRACKET, "']' closing the memory operand");
        return new Mem(r, offset);
    }

    Assembler.Target target() {
        Token t = peek();
        if (t == null) {
            throw error(null, "expected a jump target (a label, +N or -N) but the line ends");
        }
        if (t.is(Token.Kind.PLUS) || t.is(Token.Kind.MINUS)) {
            long off = signedNumber(Integer.MIN_VALUE, Integer.MAX_VALUE, "jump offset");
            return new Assembler.Target(t, null, (int) off);
        }
        Token label = expect(Token.Kind.WORD, "a jump target");
        if (Character.isDigit(label.text().charAt(0))) {
            throw error(label, "a jump target is a label or a signed offset (+" + label.text() + "), not a bare number");
        }
        return new Assembler.Target(label, label, 0);
    }

    private boolean sign() {
        Token t = peek();
        if (t != null && t.is(Token.Kind.MINUS)) {
            pos++;
            return true;
        }
        if (t != null && t.is(Token.Kind.PLUS)) {
            pos++;
        }
        return false;
    }

    private static boolean isHex(String text) {
        return text.startsWith("0x") || text.startsWith("0X");
    }

    private BigInteger number(Token t) {
        String s = t.text();
        try {
            return isHex(s) ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
        } catch (NumberFormatException e) {
            throw error(t, "expected a number but found '" + s + "'");
        }
    }
}
