package dev.extos.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written rule tables ({@code rules.txt}; maps, helpers and references in
 * {@code map-rules.txt}): each small program tests one rule and must be accepted or rejected where expected.
 */
class RulesTest {

    static List<RuleCase> rules() {
        return RuleCase.load("rules.txt");
    }

    static List<RuleCase> mapRules() {
        return RuleCase.load("map-rules.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rule(RuleCase c) {
        Program p = c.asm().isBlank() ? Program.of() : Assembler.assemble(c.asm());
        Verdict v = Verifier.verify(p, c.type(), c.maps(), VerifierOptions.DEFAULT);
        check(c, v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mapRules")
    void mapRule(RuleCase c) {
        rule(c);
    }

    static void check(RuleCase c, Verdict v) {
        if (c.accept()) {
            assertThat(v).as(() -> c.name() + ": " + (v instanceof Verdict.Rejected r ? r.message() : ""))
                    .isInstanceOf(Verdict.Accepted.class);
            return;
        }
        assertThat(v).as(c.name()).isInstanceOf(Verdict.Rejected.class);
        Verdict.Rejected r = (Verdict.Rejected) v;
        if (c.pc() >= 0) {
            assertThat(r.pc()).as(() -> c.name() + ": " + r.message()).isEqualTo(c.pc());
        }
        assertThat(r.message()).as(c.name()).contains(c.reason());
    }
}
