package dev.extos.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Soundness by execution for loops over packet bytes, where the verifier widens the values no
 * safety check depends on: generated loops fold the bytes into accumulators, then use one of
 * them as a return value, as an offset into the stack or the packet (unchecked, checked or
 * masked). Every program the verifier accepts runs on random packets and must never fault.
 * {@code -Dextos.soundness.loops=N -Dextos.soundness.seed=S} for long runs (CI: 1,500).
 */
class LoopSoundnessTest {
    private static final int PROGRAMS = Integer.getInteger("extos.soundness.loops", 1500);
    private static final long SEED = Long.getLong("extos.soundness.seed", 20261201L);
    private static final String[] ACCUMULATORS = {"%r5", "%r6", "%r7"};

    @Test
    void acceptedLoopsNeverFault() {
        Random random = new Random(SEED);
        Random inputs = new Random(SEED + 1);
        int[] acceptedByUse = new int[5];
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < PROGRAMS; i++) {
            int use = random.nextInt(5);
            String asm = program(random, use);
            Program p = Assembler.assemble(asm);
            if (!(Verifier.verify(p, ProgramType.xdp()) instanceof Verdict.Accepted)) {
                continue;
            }
            acceptedByUse[use]++;
            for (int run = 0; run < 12; run++) {
                byte[] packet = new byte[inputs.nextInt(90)];
                inputs.nextBytes(packet);
                try {
                    ConcreteRunner.xdp(p, packet, 0, new long[] {0, 0, 0}).run(2_000_000);
                } catch (ConcreteRunner.Fault f) {
                    failures.add("program " + i + " (seed " + SEED + ", packet of " + packet.length + "): " + f.getMessage()
                            + "\n" + asm);
                    break;
                }
            }
        }
        System.out.printf("loop soundness: %d programs, accepted by use (return, unchecked, checked, masked, packet) %s,"
                + " %d faults%n", PROGRAMS, java.util.Arrays.toString(acceptedByUse), failures.size());
        assertThat(failures).isEmpty();
        assertThat(acceptedByUse[0]).as("loops whose result is only returned are accepted").isGreaterThan(PROGRAMS / 20);
        assertThat(acceptedByUse[3]).as("masked offsets are accepted").isGreaterThan(PROGRAMS / 20);
    }

    private static String program(Random random, int use) {
        StringBuilder a = new StringBuilder("""
                ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+4]
                mov %r4, 0
                mov %r5, 0
                mov %r6, 0
                mov %r7, 7
                mov %r0, 0
                loop:
                mov %r8, %r2
                add %r8, %r4
                mov %r9, %r8
                add %r9, 1
                jgt %r9, %r3, after
                ldxb %r9, [%r8+0]
                """);
        int updates = 1 + random.nextInt(3);
        for (int u = 0; u < updates; u++) {
            String acc = ACCUMULATORS[random.nextInt(ACCUMULATORS.length)];
            int k = random.nextInt(256);
            a.append(switch (random.nextInt(8)) {
                case 0 -> "add " + acc + ", %r9\n";
                case 1 -> "add " + acc + ", " + (1 + random.nextInt(4)) + "\n";
                case 2 -> "xor " + acc + ", %r9\n";
                case 3 -> "and " + acc + ", " + k + "\n";
                case 4 -> "rsh " + acc + ", 1\n";
                case 5 -> "mov " + acc + ", %r9\n";
                case 6 -> "jeq %r9, " + k + ", +1\nadd " + acc + ", 1\n";
                default -> "jne %r9, 32, +1\nadd " + acc + ", 1\n";
            });
        }
        a.append("add %r4, 1\njlt %r4, ").append(1 + random.nextInt(64)).append(", loop\nafter:\n");
        String x = ACCUMULATORS[random.nextInt(ACCUMULATORS.length)];
        a.append(switch (use) {
            case 0 -> "mov %r0, " + x + "\nand %r0, 3\nexit\n";
            case 1 -> "mov %r8, %r10\nadd %r8, -64\nadd %r8, " + x + "\nstb [%r8+0], 1\nmov %r0, 0\nexit\n";
            case 2 -> "jgt " + x + ", 63, +4\nmov %r8, %r10\nadd %r8, -64\nadd %r8, " + x + "\nstb [%r8+0], 1\nmov %r0, 0\nexit\n";
            case 3 -> "and " + x + ", 63\nmov %r8, %r10\nadd %r8, -64\nadd %r8, " + x + "\nstb [%r8+0], 1\nmov %r0, 0\nexit\n";
            default -> "and " + x + ", 0xffff\nmov %r8, %r2\nadd %r8, " + x + "\nmov %r9, %r8\nadd %r9, 1\n"
                    + "jgt %r9, %r3, +2\nldxb %r0, [%r8+0]\nand %r0, 3\nexit\n";
        });
        return a.toString();
    }
}
