package dev.extos.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict's contents: facts for the JIT, the log line format, verbose logs, the work cap, timing. */
class VerdictTest {

    private static Verdict verify(String asm, ProgramType type) {
        return Verifier.verify(Assembler.assemble(asm), type);
    }

    @Test
    void factsNameTheRegionOfEachAccess() {
        Verdict v = verify("""
                ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+4]
                stdw [%r10-8], 0
                mov %r4, %r2
                add %r4, 4
                jgt %r4, %r3, out
                ldxw %r0, [%r2+0]
                exit
                out:
                ldxdw %r0, [%r10-8]
                exit
                """, ProgramType.xdp());
        assertThat(v).isInstanceOf(Verdict.Accepted.class);
        InstructionFacts f = ((Verdict.Accepted) v).facts();
        assertThat(f.region(0)).isEqualTo(RegionKind.CONTEXT);
        assertThat(f.region(1)).isEqualTo(RegionKind.CONTEXT);
        assertThat(f.region(2)).isEqualTo(RegionKind.STACK);
        assertThat(f.region(3)).isNull();
        assertThat(f.region(6)).isEqualTo(RegionKind.PACKET);
        assertThat(f.region(8)).isEqualTo(RegionKind.STACK);
    }

    @Test
    void factsSayMixedWhenPathsDisagree() {
        Verdict v = verify("""
                ldxw %r3, [%r1+12]
                stdw [%r10-8], 0
                mov %r2, %r1
                jeq %r3, 0, l
                mov %r2, %r10
                add %r2, -16
                l:
                ldxw %r0, [%r2+12]
                exit
                """, ProgramType.xdp());
        assertThat(v).isInstanceOf(Verdict.Accepted.class);
        assertThat(((Verdict.Accepted) v).facts().region(6)).isEqualTo(RegionKind.MIXED);
    }

    @Test
    void factsNameTheContextFieldOfEachContextAccess() {
        Verdict v = verify("""
                ldxw %r2, [%r1+4]
                mov %r3, %r1
                add %r3, 8
                ldxw %r4, [%r3+4]
                mov %r0, 0
                exit
                """, ProgramType.xdp());
        InstructionFacts f = ((Verdict.Accepted) v).facts();
        assertThat(f.contextField(0)).isEqualTo(4);   // data_end
        assertThat(f.contextField(3)).isEqualTo(12);  // ingress_ifindex, through a moved pointer
        assertThat(f.contextField(4)).isEqualTo(-1);
    }

    @Test
    void aContextLoadReachingDifferentFieldsHasNoSingleField() {
        Verdict v = verify("""
                mov %r3, %r1
                add %r3, 12
                ldxw %r5, [%r1+16]
                jeq %r5, 0, +1
                add %r3, 4
                ldxw %r0, [%r3+0]
                mov %r0, 0
                exit
                """, ProgramType.xdp());
        InstructionFacts f = ((Verdict.Accepted) v).facts();
        assertThat(f.region(5)).isEqualTo(RegionKind.CONTEXT);
        assertThat(f.contextField(2)).isEqualTo(16);
        assertThat(f.contextField(5)).isEqualTo(-1);
    }

    @Test
    void pointerFieldLoadsAreLoweredToTheirSixtyFourBitSlots() {
        Verdict v = verify("""
                ldxw %r2, [%r1+0]
                mov %r3, %r1
                add %r3, 4
                ldxw %r4, [%r3+0]
                ldxw %r5, [%r1+12]
                mov %r0, 0
                exit
                """, ProgramType.xdp());
        Program lowered = ((Verdict.Accepted) v).program().program();
        // xdp_md is 24 bytes; data's slot follows it at 24, data_end's at 32.
        assertThat(ProgramType.xdp().hostContextSize()).isEqualTo(24 + 3 * 8);
        assertThat(lowered.at(0)).isEqualTo(Assembler.assemble("ldxdw %r2, [%r1+24]").at(0));
        assertThat(lowered.at(3)).isEqualTo(Assembler.assemble("ldxdw %r4, [%r3+28]").at(0));
        assertThat(lowered.at(4)).isEqualTo(Assembler.assemble("ldxw %r5, [%r1+12]").at(0));
    }

    @Test
    void oneLoadOfDifferentPointerFieldsOnDifferentPathsIsRejected() {
        Verdict v = verify("""
                mov %r3, %r1
                ldxw %r5, [%r1+16]
                jeq %r5, 0, +1
                add %r3, 4
                ldxw %r0, [%r3+0]
                mov %r0, 0
                exit
                """, ProgramType.xdp());
        assertThat(v).isInstanceOf(Verdict.Rejected.class);
        assertThat(((Verdict.Rejected) v).message()).startsWith("insn 4: ").contains("pointer fields need an instruction of their own");
    }

    @Test
    void factsNameTheMapOfEachMapValueAccess() {
        List<MapSpec> maps = List.of(MapSpec.of("counts", MapType.HASH, 4, 8, 16),
                MapSpec.global(".data", 16, new byte[0], false), MapSpec.global(".bss", 16, new byte[0], false));
        Verdict v = Verifier.verify(Assembler.assemble("""
                mov %r6, %r1
                stw [%r10-4], 0
                mov %r2, %r10
                add %r2, -4
                lddw %r1, map_fd 0
                call 1
                jeq %r0, 0, out
                ldxdw %r3, [%r0+0]
                lddw %r4, map_value 1, 0
                stxdw [%r4+8], %r3
                out:
                ldxw %r3, [%r6+12]
                lddw %r4, map_value 1, 0
                jeq %r3, 0, +2
                lddw %r4, map_value 2, 0
                ldxdw %r0, [%r4+0]
                exit
                """), ProgramType.xdp(), maps, VerifierOptions.DEFAULT);
        assertThat(v).as(v.log().toString()).isInstanceOf(Verdict.Accepted.class);
        InstructionFacts f = ((Verdict.Accepted) v).facts();
        assertThat(f.region(8)).isEqualTo(RegionKind.MAP_VALUE);
        assertThat(f.map(8)).isZero();
        assertThat(f.region(11)).isEqualTo(RegionKind.MAP_VALUE);
        assertThat(f.map(11)).isEqualTo(1);
        assertThat(f.region(12)).isEqualTo(RegionKind.CONTEXT);
        assertThat(f.map(12)).isEqualTo(-1);
        assertThat(f.region(18)).isEqualTo(RegionKind.MAP_VALUE);
        assertThat(f.map(18)).as("two maps reach it").isEqualTo(-1);
        assertThat(f.map(6)).as("a helper call is no access").isEqualTo(-1);
        assertThat(f.region(6)).isNull();
        assertThat(((Verdict.Accepted) v).program().maps()).isEqualTo(maps);
    }

    @Test
    void factsNameRingBufferAccesses() {
        Verdict v = Verifier.verify(Assembler.assemble("""
                lddw %r1, map_fd 0
                mov %r2, 8
                mov %r3, 0
                call 131
                jeq %r0, 0, out
                stdw [%r0+0], 1
                mov %r1, %r0
                mov %r2, 0
                call 132
                out:
                mov %r0, 0
                exit
                """), ProgramType.xdp(), List.of(MapSpec.of("events", MapType.RINGBUF, 0, 0, 4096)), VerifierOptions.DEFAULT);
        InstructionFacts f = ((Verdict.Accepted) v).facts();
        assertThat(f.region(6)).isEqualTo(RegionKind.RINGBUF);
        assertThat(f.map(6)).isEqualTo(-1);
    }

    @Test
    void verboseLogShowsHeldReferences() {
        Verdict v = Verifier.verify(Assembler.assemble("""
                lddw %r1, map_fd 0
                mov %r2, 8
                mov %r3, 0
                call 131
                mov %r0, 0
                exit
                """), ProgramType.xdp(), List.of(MapSpec.of("events", MapType.RINGBUF, 0, 0, 4096)), VerifierOptions.VERBOSE);
        assertThat(v.log()).contains("5: mov %r0, 0 ; r0=ringbuf_mem_or_null(ref=1,size=8,off=0), r10=fp0; refs=[1]");
        assertThat(((Verdict.Rejected) v).message()).isEqualTo("insn 6: exit: unreleased reference: the ring-buffer memory"
                + " reserved at insn 4 (ref=1) is neither submitted nor discarded on this path (r0=0, r10=fp0)");
    }

    @Test
    void memoryFacts() {
        Verdict v = verify("ldxb %r0, [%r1+0]\nexit", ProgramType.memory(1));
        assertThat(((Verdict.Accepted) v).facts().region(0)).isEqualTo(RegionKind.MEMORY);
    }

    @Test
    void rejectionReadsLikeTheKernelLog() {
        Verdict v = verify("""
                ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+4]
                ldxw %r0, [%r2+0]
                exit
                """, ProgramType.xdp());
        Verdict.Rejected r = (Verdict.Rejected) v;
        assertThat(r.pc()).isEqualTo(2);
        assertThat(r.instruction()).isEqualTo("ldxw %r0, [%r2+0]");
        assertThat(r.message()).isEqualTo("insn 2: ldxw %r0, [%r2+0]: read of 4 bytes at packet+0 but only 0 bytes are known"
                + " to be in bounds (r1=ctx(off=0), r2=pkt(off=0,r=0), r3=pkt_end, r10=fp0)");
        assertThat(r.log()).last().isEqualTo(r.message());
    }

    @Test
    void structuralRejectionNamesTheInstruction() {
        Verdict.Rejected r = (Verdict.Rejected) verify("mov %r0, 0\nexit\nmov %r0, 1\nexit", ProgramType.xdp());
        assertThat(r.message()).isEqualTo("insn 2: mov %r0, 1: unreachable instruction");
    }

    @Test
    void verboseLogShowsTheStateAtEveryInstruction() {
        Program p = Assembler.assemble("mov %r0, 1\nstdw [%r10-8], 7\nexit");
        Verdict v = Verifier.verify(p, ProgramType.xdp(), VerifierOptions.VERBOSE);
        assertThat(v.log()).hasSize(4);
        assertThat(v.log().get(0)).isEqualTo("0: mov %r0, 1 ; r1=ctx(off=0), r10=fp0");
        assertThat(v.log().get(2)).isEqualTo("2: exit ; r0=1, r1=ctx(off=0), r10=fp0; fp-8=7");
        assertThat(v.log().get(3)).startsWith("accepted: 3 instructions processed");
        assertThat(Verifier.verify(p, ProgramType.xdp()).log()).isEmpty();
    }

    @Test
    void theWorkCapGivesAClearMessage() {
        Program p = Assembler.assemble("""
                ldxw %r2, [%r1+12]
                mov %r0, 0
                l:
                add %r0, 1
                jlt %r0, %r2, l
                exit
                """);
        Verdict v = Verifier.verify(p, ProgramType.xdp(), new VerifierOptions(false, 1000));
        assertThat(((Verdict.Rejected) v).reason()).startsWith("program too complex: more than 1000 instructions processed");
        assertThat(v.stats().processedInstructions()).isEqualTo(1001);
    }

    @Test
    void statsCountTheWork() {
        Verdict v = verify("mov %r0, 0\nmov %r1, 0\nl:\nadd %r1, 1\njlt %r1, 10, l\nexit", ProgramType.xdp());
        assertThat(v.stats().processedInstructions()).isEqualTo(2 + 10 * 2 + 1);
        assertThat(v.stats().storedStates()).isBetween(1, 10);
    }

    @Test
    void printsTheMedianVerificationTimeOfTheRuleTable() {
        List<Long> times = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (RuleCase c : RuleCase.load("rules.txt")) {
                if (c.asm().isBlank() || c.name().equals("counter without a bound")) {
                    continue;
                }
                times.add(Verifier.verify(Assembler.assemble(c.asm()), c.type()).stats().nanos());
            }
        }
        times.sort(null);
        System.out.printf("rule table: %d verifications, median %.1f us, p90 %.1f us, max %.1f us%n", times.size(),
                times.get(times.size() / 2) / 1e3, times.get(times.size() * 9 / 10) / 1e3, times.getLast() / 1e3);
        assertThat(times).isNotEmpty();
    }
}
