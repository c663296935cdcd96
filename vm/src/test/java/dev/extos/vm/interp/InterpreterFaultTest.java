package dev.extos.vm.interp;

import static dev.extos.vm.interp.Run.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.isa.Instruction;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import dev.extos.isa.asm.Assembler;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.ExecutionFault;
import dev.extos.vm.HelperTable;
import dev.extos.vm.LoadException;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Every way a run can fail ends in a typed fault naming the instruction, never a JVM error. */
class InterpreterFaultTest {

    @Test
    void readingPastTheEndOfTheMemoryNamesTheInstructionAndTheRegion() {
        assertThatThrownBy(() -> run("mov %r0, 0\nldxw %r0, [%r1+2]\nexit", new byte[4]))
                .isInstanceOf(ExecutionFault.class)
                .hasMessageContaining("insn 1 (ldxw %r0, [%r1+2])")
                .hasMessageContaining("read of 4 bytes")
                .hasMessageContaining("outside memory (offset 2, size 4)")
                .satisfies(e -> assertThat(((ExecutionFault) e).pc()).isEqualTo(1));
    }

    @Test
    void aNegativeOffsetBelowTheRegionFaults() {
        // One below a region's base is the far end of the region before it (here an unused map slot).
        assertThatThrownBy(() -> run("ldxb %r0, [%r1-1]\nexit", new byte[4]))
                .isInstanceOf(ExecutionFault.class)
                .hasMessageContaining("insn 0 (ldxb %r0, [%r1-1])")
                .hasMessageContaining("read of 1 byte at 0x" + Long.toHexString(AddressSpace.base(AddressSpace.FIRST_HOST_REGION) - 1));
    }

    @Test
    void dereferencingNullFaults() {
        assertThatThrownBy(() -> run("mov %r1, 0\nldxdw %r0, [%r1+0]\nexit"))
                .isInstanceOf(ExecutionFault.class)
                .hasMessageContaining("null pointer");
    }

    @Test
    void theStackHasFiveHundredTwelveBytes() {
        assertThat(run("stdw [%r10-512], 5\nldxdw %r0, [%r10-512]\nexit")).isEqualTo(5);
        assertThatThrownBy(() -> run("stb [%r10-513], 5\nexit"))
                .isInstanceOf(ExecutionFault.class)
                .hasMessageContaining("insn 0 (stb [%r10-513], 5)");
        assertThatThrownBy(() -> run("stb [%r10+0], 5\nexit"))
                .isInstanceOf(ExecutionFault.class)
                .hasMessageContaining("outside stack frame 0");
    }

    @Test
    void writingAReadOnlyRegionFaults() {
        AddressSpace space = new AddressSpace();
        long base = space.map("arguments", AddressSpace.allocate(8), false);
        var program = Run.load("stb [%r1+0], 1\nexit");
        assertThatThrownBy(() -> program.run(space, base))
                .isInstanceOf(ExecutionFault.class)
                .hasMessageContaining("arguments is read-only");
        assertThat(space.segment(base).get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0)).isZero();
    }

    @Test
    void aMisalignedAtomicFaults() {
        assertThatThrownBy(() -> run("mov %r2, 1\nlock add [%r10-12], %r2\nexit"))
                .isInstanceOf(ExecutionFault.class)
                .hasMessageContaining("not aligned");
    }

    @Test
    void anInfiniteLoopEndsAtTheBackwardJumpLimit() {
        var program = new Interpreter(1000).load(Assembler.assemble("mov %r0, 0\nloop:\nadd %r0, 1\nja loop"), HelperTable.standard());
        assertThatThrownBy(() -> program.run(new AddressSpace(), 0))
                .isInstanceOf(ExecutionFault.class)
                .hasMessageContaining("insn 2 (ja -2)")
                .hasMessageContaining("more than 1000 backward jumps");
    }

    @Test
    void aLoopWithinTheLimitCompletes() {
        var program = new Interpreter(1000).load(
                Assembler.assemble("mov %r0, 0\nloop:\nadd %r0, 1\njlt %r0, 1000, loop\nexit"), HelperTable.standard());
        assertThat(program.run(new AddressSpace(), 0)).isEqualTo(1000);
    }

    @Test
    void runningOffTheEndFaults() {
        assertThatThrownBy(() -> run("mov %r0, 1"))
                .isInstanceOf(ExecutionFault.class)
                .hasMessageContaining("insn 1:")
                .hasMessageContaining("ran past the last instruction");
    }

    @Test
    void jumpsOutsideTheProgramOrIntoAnLddwAreRefusedAtLoad() {
        assertThatThrownBy(() -> Run.load("ja +5\nexit"))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("insn 0 (ja +5): jumps to slot 6, which is outside the program (2 slots)");
        assertThatThrownBy(() -> Run.load("ja +1\nlddw %r0, 1\nexit"))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("the middle of an lddw");
        assertThatThrownBy(() -> Run.load("call local -5\nexit"))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("calls slot -4");
    }

    @Test
    void unresolvedMapReferencesAndKernelOnlyInstructionsAreRefusedAtLoad() {
        assertThatThrownBy(() -> Run.load("lddw %r1, map_fd 3\nexit"))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("map_fd reference is unresolved");
        assertThatThrownBy(() -> Run.load("ldabsw 12\nexit"))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("socket filters");
        assertThatThrownBy(() -> Run.load("call kfunc 7\nexit"))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("Linux kernel");
    }

    @Test
    void aFaultLeavesTheAddressSpaceUsableForTheNextRun() {
        AddressSpace space = new AddressSpace();
        MemorySegment data = AddressSpace.allocate(4);
        long base = space.map("memory", data, true);
        var bad = Run.load("ldxdw %r0, [%r1+0]\nexit");
        var good = Run.load("stw [%r1+0], 9\nldxw %r0, [%r1+0]\nexit");
        assertThatThrownBy(() -> bad.run(space, base)).isInstanceOf(ExecutionFault.class);
        assertThat(good.run(space, base)).isEqualTo(9);
    }

    @Test
    void programsBuiltFromTheModelRunWithoutTheAssembler() {
        Program p = Program.of(
                new Instruction.Alu(dev.extos.isa.Width.W64, dev.extos.isa.AluOp.MOV, Reg.R0, new dev.extos.isa.Imm(3)),
                new Instruction.Exit());
        assertThat(new Interpreter().load(p, HelperTable.empty()).run(new AddressSpace(), 0)).isEqualTo(3);
    }
}
