package dev.extos.isa.asm;

import dev.extos.isa.AluOp;
import dev.extos.isa.AtomicOp;
import dev.extos.isa.Imm;
import dev.extos.isa.Imm64Kind;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.JumpCondition;
import dev.extos.isa.Operand;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import dev.extos.isa.Size;
import dev.extos.isa.SwapKind;
import dev.extos.isa.Width;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Assembles the text syntax of the bpf_conformance suite (and of {@link Disassembler}): one
 * instruction per line, {@code name:} labels, {@code #} comments, registers as {@code %r0} or
 * {@code r0}. Jump targets are labels or relative slot offsets ({@code +2}, {@code -1}); a jump
 * to {@code exit} with no such label goes to the first {@code exit} instruction, as the suite's
 * own assembler does.
 */
public final class Assembler {
    private static final Map<String, AluOp> ALU_OPS = new HashMap<>();
    private static final Map<String, JumpCondition> JUMPS = new HashMap<>();
    private static final Map<String, AtomicOp> ATOMICS = new HashMap<>();
    private static final Map<String, Size> SIZES = Map.of("b", Size.B, "h", Size.H, "w", Size.W, "dw", Size.DW);

    static {
        for (AluOp op : AluOp.values()) {
            ALU_OPS.put(op.mnemonic(), op);
        }
        for (JumpCondition c : JumpCondition.values()) {
            JUMPS.put(c.mnemonic(), c);
        }
        for (AtomicOp op : AtomicOp.values()) {
            ATOMICS.put(op.mnemonic(), op);
        }
    }

    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();
    private int slot;
    private int firstExit = -1;

    private Assembler() {
    }

    /** Assembles {@code source}; throws {@link AssemblyException} with the line and column of the first error. */
    public static Program assemble(String source) {
        Assembler a = new Assembler();
        String[] lines = source.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            a.line(lines[n], n + 1);
        }
        return a.link();
    }

    /** An instruction whose jump target may still be a label. */
    private record Pending(int line, Token target, int slot, Instruction done, IntFunction<Instruction> withOffset) {
    }

    private void line(String text, int lineNumber) {
        List<Token> tokens = LineLexer.tokens(text, lineNumber);
        int start = 0;
        if (tokens.size() >= 2 && tokens.get(0).is(Token.Kind.WORD) && tokens.get(1).is(Token.Kind.COLON)) {
            Token label = tokens.get(0);
            if (labels.putIfAbsent(label.text(), slot) != null) {
                throw new AssemblyException(lineNumber, label.column(), "label '" + label.text() + "' is defined twice");
            }
            start = 2;
        }
        if (start == tokens.size()) {
            return;
        }
        int comment = text.indexOf('#');
        int codeEnd = comment >= 0 ? comment : text.length();
        LineParser p = new LineParser(tokens.subList(start, tokens.size()), lineNumber, codeEnd + 1);
        Pending result = instruction(p);
        p.end();
        pending.add(result);
        if (result.done() instanceof Exit && firstExit < 0) {
            firstExit = slot;
        }
        slot += result.done() != null ? result.done().slots() : 1;
    }

    private Program link() {
        if (pending.isEmpty()) {
            throw new AssemblyException(1, 1, "the program has no instructions");
        }
        List<Instruction> out = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            if (p.done() != null) {
                out.add(p.done());
                continue;
            }
            Integer target = labels.get(p.target().text());
            if (target == null && p.target().text().equals("exit") && firstExit >= 0) {
                target = firstExit;
            }
            if (target == null) {
                throw new AssemblyException(p.line(), p.target().column(), "no label '" + p.target().text() + "'");
            }
            try {
                out.add(p.withOffset().apply(target - p.slot() - 1));
            } catch (IllegalArgumentException e) {
                throw new AssemblyException(p.line(), p.target().column(),
                        "label '" + p.target().text() + "' is too far for this jump (" + e.getMessage() + "); use ja32");
            }
        }
        return Program.of(out);
    }

    private Pending done(LineParser p, Instruction i) {
        return new Pending(p.lineNumber(), null, slot, i, null);
    }

    /** A jump: resolved now for a numeric offset, at link time for a label. */
    private Pending jump(LineParser p, Target target, IntFunction<Instruction> withOffset) {
        if (target.label() == null) {
            try {
                return done(p, withOffset.apply(target.offset()));
            } catch (IllegalArgumentException e) {
                throw p.error(target.token(), e.getMessage());
            }
        }
        return new Pending(p.lineNumber(), target.label(), slot, null, withOffset);
    }

    private Pending instruction(LineParser p) {
        Token m = p.word("a mnemonic");
        String name = m.text().toLowerCase(java.util.Locale.ROOT);
        Width width = name.endsWith("32") ? Width.W32 : Width.W64;
        String base = name.endsWith("32") ? name.substring(0, name.length() - 2) : name;

        if (ALU_OPS.containsKey(base)) {
            AluOp op = ALU_OPS.get(base);
            Reg dst = p.reg();
            p.comma();
            Operand src = p.regOrImm32();
            return done(p, new Alu(width, op, dst, src));
        }
        if (base.equals("neg")) {
            return done(p, new Neg(width, p.reg()));
        }
        if (JUMPS.containsKey(base)) {
            JumpCondition c = JUMPS.get(base);
            Reg dst = p.reg();
            p.comma();
            Operand src = p.regOrImm32();
            p.comma();
            Target t = p.target();
            return jump(p, t, off -> new Jump(width, c, dst, src, off));
        }
        switch (name) {
            case "ja" -> {
                return jump(p, p.target(), off -> new Goto(off, false));
            }
            case "ja32", "gotol" -> {
                return jump(p, p.target(), off -> new Goto(off, true));
            }
            case "exit" -> {
                return done(p, new Exit());
            }
            case "call" -> {
                return call(p);
            }
            case "lddw" -> {
                return done(p, lddw(p));
            }
            case "lock" -> {
                return done(p, atomic(p));
            }
            default -> {
            }
        }
        if (name.startsWith("movsx")) {
            return done(p, movsx(p, m, name));
        }
        Pending swap = byteSwap(p, m, name);
        if (swap != null) {
            return swap;
        }
        return done(p, memory(p, m, name));
    }

    private Instruction movsx(LineParser p, Token m, String name) {
        // movsx<from><to>: movsx832 sign-extends 8 bits into a 32-bit result, movsx3264 32 into 64.
        String digits = name.substring(5);
        Width w;
        int from;
        if (digits.endsWith("64")) {
            w = Width.W64;
        } else if (digits.endsWith("32")) {
            w = Width.W32;
        } else {
            throw p.error(m, "unknown mnemonic '" + m.text() + "'");
        }
        try {
            from = Integer.parseInt(digits.substring(0, digits.length() - 2));
            Reg dst = p.reg();
            p.comma();
            Reg src = p.reg();
            return new MovSx(w, dst, src, from);
        } catch (NumberFormatException e) {
            throw p.error(m, "unknown mnemonic '" + m.text() + "'");
        } catch (IllegalArgumentException e) {
            throw p.error(m, e.getMessage());
        }
    }

    private Pending byteSwap(LineParser p, Token m, String name) {
        SwapKind kind = null;
        String bits = null;
        for (String prefix : new String[] {"bswap", "swap", "le", "be"}) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                kind = switch (prefix) {
                    case "le" -> SwapKind.TO_LE;
                    case "be" -> SwapKind.TO_BE;
                    default -> SwapKind.SWAP;
                };
                bits = name.substring(prefix.length());
                break;
            }
        }
        if (kind == null || !(bits.equals("16") || bits.equals("32") || bits.equals("64"))) {
            return null;
        }
        return done(p, new ByteSwap(kind, Integer.parseInt(bits), p.reg()));
    }

    private Pending call(LineParser p) {
        if (p.peekReg()) {
            return done(p, new CallRegister(p.reg()));
        }
        Token mode = p.peek();
        if (mode != null && mode.isWord("local")) {
            p.next();
            return jump(p, p.target(), CallLocal::new);
        }
        if (mode != null && mode.isWord("helper")) {
            p.next();
        }
        if (mode != null && mode.isWord("kfunc")) {
            p.next();
            int id = p.imm32();
            int module = 0;
            if (p.peek() != null && p.peek().is(Token.Kind.COMMA)) {
                p.comma();
                module = (int) p.signedNumber(Short.MIN_VALUE, Short.MAX_VALUE, "a BTF module index");
            }
            return done(p, new CallKfunc(id, module));
        }
        return done(p, new Call(p.imm32()));
    }

    private Instruction lddw(LineParser p) {
        Reg dst = p.reg();
        p.comma();
        Token t = p.peek();
        if (t != null && t.is(Token.Kind.WORD)) {
            for (Imm64Kind k : Imm64Kind.values()) {
                if (k != Imm64Kind.CONSTANT && t.text().equals(k.mnemonic())) {
                    p.next();
                    int imm = p.imm32();
                    int next = 0;
                    if (p.peek() != null && p.peek().is(Token.Kind.COMMA)) {
                        p.comma();
                        next = p.imm32();
                    }
                    return new LoadImm64(dst, k, imm, next);
                }
            }
        }
        return LoadImm64.constant(dst, p.imm64());
    }

    private Instruction atomic(LineParser p) {
        Token t = p.word("an atomic operation after 'lock'");
        boolean fetch = false;
        if (t.text().equals("fetch")) {
            fetch = true;
            t = p.word("an atomic operation after 'lock fetch'");
        }
        String opName = t.text();
        Size size = Size.DW;
        if (opName.endsWith("32")) {
            size = Size.W;
            opName = opName.substring(0, opName.length() - 2);
        }
        AtomicOp op = ATOMICS.get(opName);
        if (op == null) {
            throw p.error(t, "unknown atomic operation '" + t.text() + "'");
        }
        LineParser.Mem mem = p.mem();
        p.comma();
        Reg src = p.reg();
        return new Atomic(size, op, fetch || op.alwaysFetches(), mem.reg(), src, mem.offset());
    }

    private Instruction memory(LineParser p, Token m, String name) {
        if (name.startsWith("ldabs") || name.startsWith("ldind")) {
            Size size = SIZES.get(name.substring(5));
            if (size == null || size == Size.DW) {
                throw p.error(m, "unknown mnemonic '" + m.text() + "'");
            }
            if (name.startsWith("ldabs")) {
                return new PacketLoad(size, false, Reg.R0, p.imm32());
            }
            Reg src = p.reg();
            p.comma();
            return new PacketLoad(size, true, src, p.imm32());
        }
        if (name.startsWith("ldxs") && SIZES.containsKey(name.substring(4)) && !name.equals("ldxsdw")) {
            Reg dst = p.reg();
            p.comma();
            LineParser.Mem mem = p.mem();
            return new Load(SIZES.get(name.substring(4)), true, dst, mem.reg(), mem.offset());
        }
        if (name.startsWith("ldx") && SIZES.containsKey(name.substring(3))) {
            Reg dst = p.reg();
            p.comma();
            LineParser.Mem mem = p.mem();
            return new Load(SIZES.get(name.substring(3)), false, dst, mem.reg(), mem.offset());
        }
        if (name.startsWith("stx") && SIZES.containsKey(name.substring(3))) {
            LineParser.Mem mem = p.mem();
            p.comma();
            return new Store(SIZES.get(name.substring(3)), mem.reg(), p.reg(), mem.offset());
        }
        if (name.startsWith("st") && SIZES.containsKey(name.substring(2))) {
            LineParser.Mem mem = p.mem();
            p.comma();
            return new Store(SIZES.get(name.substring(2)), mem.reg(), new Imm(p.imm32()), mem.offset());
        }
        throw p.error(m, "unknown mnemonic '" + m.text() + "'");
    }

    /** A jump target: a label (token kept for error positions) or a relative offset. */
    record Target(Token token, Token label, int offset) {
    }
}
