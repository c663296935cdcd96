package dev.extos.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.JumpCondition;
import dev.extos.isa.Program;
import dev.extos.isa.Width;
import dev.extos.isa.asm.Assembler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every condition on both widths: with a known outcome the impossible side (which reads
 * uninitialised stack) must not be explored; with an unknown register both sides are, so the
 * bad side is found. Outcomes come from concrete evaluation, not from the verifier's domains.
 */
class ConditionsTest {
    private static final long[] VALUES = {0, 1, 5, -1, 0x1_0000_0001L, Long.MIN_VALUE, 0x8000_0000L};
    private static final int[] IMMS = {0, 1, 5, -1};
    private static final long[] U32_SAMPLES = {0, 1, 4, 5, 6, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL};

    record Case(String name, String asm, boolean accept) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Width w : Width.values()) {
            for (JumpCondition c : JumpCondition.values()) {
                String mnemonic = c.mnemonic() + w.suffix();
                for (long x : VALUES) {
                    for (int imm : IMMS) {
                        boolean holds = holds(w, c, x, imm);
                        String set = "lddw %r1, " + x;
                        out.add(new Case(mnemonic + " " + x + ", " + imm + " is " + holds,
                                program(set, mnemonic, imm, !holds), true));
                    }
                }
                for (int imm : new int[] {0, 5}) {
                    boolean sawTrue = false;
                    boolean sawFalse = false;
                    for (long x : U32_SAMPLES) {
                        boolean h = holds(w, c, x, imm);
                        sawTrue |= h;
                        sawFalse |= !h;
                    }
                    if (sawTrue && sawFalse) {
                        String set = "ldxw %r1, [%r1+12]\nmov %r0, 0";
                        out.add(new Case(mnemonic + " unknown, " + imm + " explores the taken side", program(set, mnemonic, imm, true), false));
                        out.add(new Case(mnemonic + " unknown, " + imm + " explores the fall-through", program(set, mnemonic, imm, false), false));
                    }
                }
            }
        }
        return out;
    }

    /** A program whose taken side (badOnTaken) or fall-through side reads uninitialised stack. */
    private static String program(String set, String mnemonic, int imm, boolean badOnTaken) {
        String good = "mov %r0, 0\nexit\n";
        String bad = "ldxdw %r0, [%r10-8]\nexit\n";
        return set + "\n" + mnemonic + " %r1, " + imm + ", +2\n" + (badOnTaken ? good + bad : bad + good);
    }

    static boolean holds(Width w, JumpCondition cond, long x, long y) {
        if (w == Width.W32) {
            boolean signed = cond == JumpCondition.SGT || cond == JumpCondition.SGE || cond == JumpCondition.SLT || cond == JumpCondition.SLE;
            x = signed ? (int) x : x & 0xffff_ffffL;
            y = signed ? (int) y : y & 0xffff_ffffL;
        }
        return switch (cond) {
            case EQ -> x == y;
            case NE -> x != y;
            case GT -> Long.compareUnsigned(x, y) > 0;
            case GE -> Long.compareUnsigned(x, y) >= 0;
            case LT -> Long.compareUnsigned(x, y) < 0;
            case LE -> Long.compareUnsigned(x, y) <= 0;
            case SGT -> x > y;
            case SGE -> x >= y;
            case SLT -> x < y;
            case SLE -> x <= y;
            case SET -> (x & y) != 0;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void condition(Case c) {
        Program p = Assembler.assemble(c.asm());
        Verdict v = Verifier.verify(p, ProgramType.xdp());
        if (c.accept()) {
            assertThat(v).as(() -> c.name() + (v instanceof Verdict.Rejected r ? ": " + r.message() : "")).isInstanceOf(Verdict.Accepted.class);
        } else {
            assertThat(v).as(c.name()).isInstanceOf(Verdict.Rejected.class);
            assertThat(((Verdict.Rejected) v).message()).contains("read of uninitialised stack");
        }
    }
}
