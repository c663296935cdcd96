package dev.extos.vm.jit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.verifier.InstructionFacts;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.RegionKind;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.VerifiedProgram;
import dev.extos.verifier.Verifier;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.ExecutionFault;
import dev.extos.vm.Executable;
import dev.extos.vm.HelperTable;
import dev.extos.vm.interp.Interpreter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verified path: direct accesses see remaps, fault as the interpreter does, and stay inside their segment. */
class DirectAccessTest {
    private static final String SUM_TWO_BYTES = """
            ldxb %r0, [%r1+0]
            ldxb %r3, [%r1+9]
            add %r0, %r3
            stxdw [%r10-8], %r0
            exit
            """;

    private static VerifiedProgram verify(String asm, int memorySize) {
        Verdict v = Verifier.verify(Assembler.assemble(asm), ProgramType.memory(memorySize));
        return ((Verdict.Accepted) v).program();
    }

    private static MemorySegment bytes(int... values) {
        MemorySegment s = AddressSpace.allocate(values.length);
        for (int i = 0; i < values.length; i++) {
            s.set(ValueLayout.JAVA_BYTE, i, (byte) values[i]);
        }
        return s;
    }

    @Test
    void aRemapBetweenRunsIsSeenByTheNextRun() {
        Executable e = new JitCompiler().load(verify(SUM_TWO_BYTES, 10), HelperTable.standard());
        AddressSpace space = new AddressSpace();
        long base = space.mapData("record", bytes(1, 0, 0, 0, 0, 0, 0, 0, 0, 2), false);
        assertThat(e.run(space, base, 10)).isEqualTo(3);
        space.remap(base, bytes(40, 0, 0, 0, 0, 0, 0, 0, 0, 200));
        assertThat(e.run(space, base, 10)).isEqualTo(240);
    }

    @Test
    void aDirectAccessOutOfItsSegmentRaisesTheInterpretersFault() {
        VerifiedProgram p = verify(SUM_TWO_BYTES, 10);
        Executable jit = new JitCompiler().load(p, HelperTable.standard());
        Executable interp = new Interpreter().load(p.program(), HelperTable.standard());
        List<ExecutionFault> faults = java.util.stream.Stream.of(jit, interp).map(e -> {
            AddressSpace space = new AddressSpace();
            long base = space.mapData("record", bytes(1, 2, 3), false);
            try {
                e.run(space, base, 10);
                throw new AssertionError("no fault");
            } catch (ExecutionFault f) {
                return f;
            }
        }).toList();
        assertThat(faults.get(0).pc()).isEqualTo(1);
        assertThat(faults.get(0).getMessage()).isEqualTo(faults.get(1).getMessage()).contains("outside record");
    }

    @Test
    void aStoreToARegionMappedReadOnlyFaultsEvenThroughAWritableSegment() {
        VerifiedProgram p = verify("stb [%r1+2], 7\nmov %r0, 0\nexit", 4);
        AddressSpace space = new AddressSpace();
        MemorySegment writable = AddressSpace.allocate(4);
        long base = space.mapData("record", writable, false);
        Executable jit = new JitCompiler().load(p, HelperTable.standard());
        assertThatThrownBy(() -> jit.run(space, base, 4)).isInstanceOf(ExecutionFault.class)
                .hasMessage("insn 0 (stb [%r1+2], 7): write of 1 byte at 0xa00000002: record is read-only");
        assertThat(writable.get(ValueLayout.JAVA_BYTE, 2)).isZero();
    }

    @Test
    void aWrongFactChangesNothing() {
        // Facts that (wrongly) say the loads through r1 read the context: the offset from the
        // context's base falls outside its segment, so the checked path reads the data as the
        // interpreter does; a store claimed for the read-only context still lands in the data.
        Program program = Assembler.assemble("ldxb %r0, [%r1+1]\nstb [%r1+2], 9\nldxb %r2, [%r1+2]\nadd %r0, %r2\nexit");
        RegionKind[] facts = new RegionKind[program.slotCount()];
        facts[0] = RegionKind.CONTEXT;
        facts[1] = RegionKind.CONTEXT;
        facts[2] = RegionKind.STACK;
        VerifiedProgram lying = new VerifiedProgram(program, ProgramType.memory(4), List.of(), new InstructionFacts(facts));
        AddressSpace space = new AddressSpace();
        space.mapContext(bytes(0, 77, 0, 0), false);
        long base = space.mapData("record", bytes(0, 5, 0, 0), true);
        Compilation c = new JitCompiler().compile(lying, HelperTable.standard());
        assertThat(BytecodeDump.of(c.classBytes().orElseThrow())).contains("directSegments");
        assertThat(c.executable().run(space, base, 4)).isEqualTo(14);
    }

    private static final String LOOP_100 = """
            mov %r0, 0
            mov %r3, 0
            loop:
            add %r0, %r3
            add %r3, 1
            jlt %r3, 100, loop
            exit
            """;

    @Test
    void aVerifiedLoopKeepsNoBudgetUnderTheDefaultLimit() {
        Compilation c = new JitCompiler().compile(verify(LOOP_100, 0), HelperTable.standard());
        assertThat(BytecodeDump.of(c.classBytes().orElseThrow())).doesNotContain("backward jumps");
        assertThat(c.executable().run(new AddressSpace(), 0, 0)).isEqualTo(4950);
    }

    @Test
    void anExplicitLimitIsCountedAsTheInterpreterCountsIt() {
        VerifiedProgram p = verify(LOOP_100, 0);
        Executable jit = new JitCompiler(50).load(p, HelperTable.standard());
        Executable interp = new Interpreter(50).load(p.program(), HelperTable.standard());
        assertThatThrownBy(() -> jit.run(new AddressSpace(), 0, 0)).isInstanceOf(ExecutionFault.class)
                .hasMessage(messageOf(() -> interp.run(new AddressSpace(), 0, 0)))
                .hasMessageContaining("more than 50 backward jumps");
    }

    private static String messageOf(Runnable r) {
        try {
            r.run();
        } catch (ExecutionFault f) {
            return f.getMessage();
        }
        throw new AssertionError("no fault");
    }

    @Test
    void aCalleeWritesItsCallersFrameThroughAPointer() {
        String asm = """
                stdw [%r10-16], 0
                mov %r1, %r10
                add %r1, -16
                call local f
                ldxdw %r0, [%r10-16]
                exit
                f:
                stdw [%r1+0], 41
                mov %r2, 1
                lock add [%r1+0], %r2
                ldxdw %r0, [%r1+0]
                exit
                """;
        VerifiedProgram p = verify(asm, 0);
        long r0 = new JitCompiler().load(p, HelperTable.standard()).run(new AddressSpace(), 0, 0);
        long expected = new Interpreter().load(p.program(), HelperTable.standard()).run(new AddressSpace(), 0, 0);
        assertThat(r0).isEqualTo(expected).isEqualTo(42);
    }
}
