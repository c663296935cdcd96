package dev.extos.verifier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.Verifier;
import dev.extos.verifier.VerifierOptions;
import org.junit.jupiter.api.Test;

/** Register liveness, and what it buys the explorer: states differing only in dead registers are pruned. */
class LivenessTest {
    private static int live(String asm, int slot) {
        return Liveness.of(Assembler.assemble(asm))[slot] & ~(1 << 10);
    }

    private static int regs(int... numbers) {
        int set = 0;
        for (int n : numbers) {
            set |= 1 << n;
        }
        return set;
    }

    @Test
    void readsMakeLiveAndWritesKill() {
        String asm = """
                mov %r2, %r1
                mov %r3, 7
                add %r2, %r3
                mov %r0, %r2
                exit
                """;
        assertThat(live(asm, 0)).isEqualTo(regs(1));
        assertThat(live(asm, 1)).isEqualTo(regs(2));
        assertThat(live(asm, 2)).isEqualTo(regs(2, 3));
        assertThat(live(asm, 3)).isEqualTo(regs(2));
        assertThat(live(asm, 4)).isEqualTo(regs(0));
    }

    @Test
    void bothSidesOfABranchAndTheLoopBackEdgeCount() {
        String asm = """
                mov %r0, 0
                mov %r4, 10
                loop:
                jeq %r1, 0, skip
                add %r0, %r5
                skip:
                sub %r4, 1
                jne %r4, 0, loop
                exit
                """;
        assertThat(live(asm, 2)).as("at the loop head").isEqualTo(regs(0, 1, 4, 5));
        assertThat(live(asm, 4)).as("after the branch: r5 only on the other side").isEqualTo(regs(0, 1, 4, 5));
    }

    @Test
    void aHelperCallReadsItsArgumentsAndClobbersThem() {
        String asm = """
                mov %r6, %r1
                call 7
                mov %r0, %r6
                exit
                """;
        assertThat(live(asm, 1)).isEqualTo(regs(1, 2, 3, 4, 5, 6));
        assertThat(live(asm, 0)).isEqualTo(regs(1, 2, 3, 4, 5));
    }

    @Test
    void branchesThatOnlyWriteRegistersNothingReadsArePrunedNotEnumerated() {
        // 40 blocks, each branching on a byte; on one side it writes one of r3-r7, which nothing
        // ever reads. Told apart by those registers, the states at block i number about
        // (i/5 + 1)^5 and the search runs past the cap (checked by hand: 1,000,000 processed and
        // rejected without liveness); with them dead, every block has one state.
        StringBuilder asm = new StringBuilder("mov %r0, 0\n");
        for (int i = 0; i < 40; i++) {
            asm.append("ldxb %r2, [%r1+").append(i % 16).append("]\n")
                    .append("jeq %r2, ").append(i).append(", +1\n")
                    .append("mov %r").append(3 + i % 5).append(", ").append(i).append("\n")
                    .append("add %r0, 1\n");
        }
        asm.append("exit\n");
        Program p = Assembler.assemble(asm.toString());

        Verdict v = Verifier.verify(p, ProgramType.memory(16), new VerifierOptions(false, 200_000));

        assertThat(v).isInstanceOf(Verdict.Accepted.class);
        assertThat(((Verdict.Accepted) v).stats().processedInstructions()).isLessThan(2_000);
    }
}
