package dev.extos.verifier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.asm.Assembler;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.Verifier;
import dev.extos.verifier.VerifierOptions;
import org.junit.jupiter.api.Test;

/**
 * Widening the scalars no safety check depends on: DESIGN §6's loop that counts the spaces of a
 * record is verified in a few thousand steps rather than enumerated count by count, while a count
 * that reaches a memory access (directly, or through the stack) is still tracked exactly and an
 * out-of-bounds use still rejected.
 */
class RelevanceTest {
    /** Counts the spaces in the first {@code bound} bytes of the record; {@code after} runs once the loop ends. */
    private static String spaces(int bound, String after) {
        return """
                ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+4]
                mov %r4, 0
                mov %r5, 0
                loop:
                mov %r6, %r2
                add %r6, %r4
                mov %r7, %r6
                add %r7, 1
                jgt %r7, %r3, out
                ldxb %r8, [%r6+0]
                jne %r8, 32, nospace
                add %r5, 1
                nospace:
                add %r4, 1
                jlt %r4, BOUND, loop
                out:
                """.replace("BOUND", Integer.toString(bound)) + after;
    }

    private static Verdict verify(String asm) {
        return Verifier.verify(Assembler.assemble(asm), ProgramType.extosRead(), new VerifierOptions(false, 1_000_000));
    }

    @Test
    void aLoopCountingSpacesIsAcceptedWithoutEnumeratingTheCounts() {
        for (int bound : new int[] {128, 1024}) {
            Verdict v = verify(spaces(bound, "mov %r0, %r5\nexit\n"));
            assertThat(v).as("bound " + bound).isInstanceOf(Verdict.Accepted.class);
            // Enumerated count by count the 128-byte loop took 524,294 steps; the 1024-byte one ran past the cap.
            assertThat(((Verdict.Accepted) v).stats().processedInstructions()).as("bound " + bound).isLessThan(20_000);
        }
    }

    @Test
    void aCountUsedAsAnOffsetIsStillTrackedAndAnUncheckedUseRejected() {
        String checked = """
                jgt %r5, 15, done
                mov %r9, %r10
                add %r9, -16
                add %r9, %r5
                stb [%r9+0], 1
                done:
                mov %r0, 0
                exit
                """;
        assertThat(verify(spaces(128, checked))).isInstanceOf(Verdict.Accepted.class);

        String unchecked = """
                mov %r9, %r10
                add %r9, -16
                add %r9, %r5
                stb [%r9+0], 1
                mov %r0, 0
                exit
                """;
        assertThat(verify(spaces(128, unchecked))).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void aCountThatGoesThroughTheStackIsStillTracked() {
        String viaStack = """
                stxdw [%r10-8], %r5
                ldxdw %r6, [%r10-8]
                mov %r9, %r10
                add %r9, -16
                add %r9, %r6
                stb [%r9+0], 1
                mov %r0, 0
                exit
                """;
        assertThat(verify(spaces(128, viaStack))).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void relevanceFollowsValuesBackThroughMovesAndArithmetic() {
        int[] r = Relevance.of(Assembler.assemble("""
                mov %r3, %r1
                add %r3, %r2
                mov %r4, %r1
                add %r4, 1
                ldxb %r0, [%r3+0]
                exit
                """), false);
        assertThat(r[0] & 0b11111).as("r1 and r2 reach the load's address").isEqualTo(0b00110);
        assertThat(r[2] & (1 << 4)).as("r4 only counts").isZero();
        assertThat(r[5] & 1).as("r0 at exit, return range unchecked").isZero();
    }
}
