package dev.extos.vm.jit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Engine;
import dev.extos.vm.ExecutionFault;
import dev.extos.vm.Helper;
import dev.extos.vm.HelperTable;
import dev.extos.vm.LoadException;
import dev.extos.vm.interp.Interpreter;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Faults in JIT code name the same instruction (pc and text) and reason as the interpreter's. */
class JitFaultTest {
    private static final HelperTable HELPERS = HelperTable.standard()
            .with(new Helper(201, "read", (memory, r1, r2, r3, r4, r5) -> memory.read(r1, (int) r2).length));

    private static Throwable run(Engine engine, String asm) {
        AddressSpace space = new AddressSpace();
        long base = space.map("memory", AddressSpace.allocate(4), true);
        long args = space.map("arguments", AddressSpace.allocate(8), false);
        return catchThrowable(() -> engine.load(Assembler.assemble(asm), HELPERS).run(space, base, args));
    }

    @ParameterizedTest(name = "pc {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "1 | mov %r0, 0\\nldxw %r0, [%r1+2]\\nexit",
            "0 | ldxb %r0, [%r1-1]\\nexit",
            "1 | mov %r1, 0\\nldxdw %r0, [%r1+0]\\nexit",
            "0 | stb [%r10-513], 5\\nexit",
            "0 | stb [%r10+0], 5\\nexit",
            "0 | stb [%r2+0], 1\\nexit",
            "1 | mov %r2, 1\\nlock add [%r10-12], %r2\\nexit",
            "1 | mov %r2, 1\\nlock cmpxchg [%r10-516], %r2\\nexit",
            "2 | mov %r0, 0\\nmov %r2, 1\\nlock fetch xor [%r1+2], %r2\\nexit",
            "3 | mov %r0, 1\\nlddw %r3, 0x1200000000\\nstxdw [%r3+0], %r0\\nexit",
            "1 | mov %r0, 1",
            "0 | call 12345\\nexit",
            "1 | mov %r1, -1\\ncall %r1\\nexit",
            "2 | mov %r1, 0\\nmov %r2, 4\\ncall 201\\nexit",
            "2 | call local f\\nexit\\nf:\\ncall local f\\nexit",
            "4 | mov %r0, 0\\ncall local f\\nexit\\nf:\\nmov %r0, 1\\nldxb %r0, [%r1+7]\\nexit",
            "5 | ja +3\\nexit\\nlddw %r0, 1\\nmov %r0, 0\\nldxb %r0, [%r0+0]\\nexit",
    })
    void faultsNameTheSameInstructionAsTheInterpreter(int pc, String asmEscaped) {
        String asm = asmEscaped.replace("\\n", "\n");
        Throwable expected = run(new Interpreter(), asm);
        Throwable actual = run(new JitCompiler(), asm);
        assertThat(expected).isInstanceOf(ExecutionFault.class);
        assertThat(((ExecutionFault) expected).pc()).isEqualTo(pc);
        assertThat(actual).isInstanceOf(ExecutionFault.class).hasMessage(expected.getMessage());
        assertThat(((ExecutionFault) actual).pc()).isEqualTo(pc);
    }

    @Test
    void anEmptyProgramRunsOffItsEnd() {
        Program empty = Program.of();
        Throwable expected = catchThrowable(() -> new Interpreter().load(empty, HELPERS).run(new AddressSpace(), 0));
        assertThatThrownBy(() -> new JitCompiler().load(empty, HELPERS).run(new AddressSpace(), 0))
                .isInstanceOf(ExecutionFault.class)
                .hasMessage(expected.getMessage())
                .hasMessageContaining("insn 0: execution ran past the last instruction");
    }

    @Test
    void theBackwardJumpBudgetEndsALoopAtTheSameJump() {
        Program p = Assembler.assemble("mov %r0, 0\nloop:\nadd %r0, 1\nja loop");
        Program q = Assembler.assemble("mov %r0, 0\nloop:\nadd %r0, 1\njne %r0, 0, loop\nexit");
        for (Program program : new Program[] {p, q}) {
            Throwable expected = catchThrowable(() -> new Interpreter(1000).load(program, HELPERS).run(new AddressSpace(), 0));
            assertThatThrownBy(() -> new JitCompiler(1000).load(program, HELPERS).run(new AddressSpace(), 0))
                    .isInstanceOf(ExecutionFault.class)
                    .hasMessage(expected.getMessage())
                    .hasMessageContaining("insn 2")
                    .hasMessageContaining("more than 1000 backward jumps");
        }
        Program within = Assembler.assemble("mov %r0, 0\nloop:\nadd %r0, 1\njlt %r0, 1000, loop\nexit");
        assertThat(new JitCompiler(1000).load(within, HELPERS).run(new AddressSpace(), 0)).isEqualTo(1000);
    }

    @Test
    void loadTimeRefusalsAreTheInterpretersWordForWord() {
        for (String asm : new String[] {"ja +5\nexit", "ja +1\nlddw %r0, 1\nexit", "call local -5\nexit",
                "lddw %r1, map_fd 3\nexit", "ldabsw 12\nexit", "call kfunc 7\nexit"}) {
            Program p = Assembler.assemble(asm);
            Throwable expected = catchThrowable(() -> new Interpreter().load(p, HELPERS));
            assertThat(expected).isInstanceOf(LoadException.class);
            assertThatThrownBy(() -> new JitCompiler().load(p, HELPERS))
                    .isInstanceOf(LoadException.class)
                    .hasMessage(expected.getMessage());
        }
    }

    @Test
    void aFaultLeavesTheAddressSpaceUsableForTheNextRun() {
        AddressSpace space = new AddressSpace();
        MemorySegment data = AddressSpace.allocate(4);
        long base = space.map("memory", data, true);
        var bad = new JitCompiler().load(Assembler.assemble("ldxdw %r0, [%r1+0]\nexit"), HELPERS);
        var good = new JitCompiler().load(Assembler.assemble("stw [%r1+0], 9\nldxw %r0, [%r1+0]\nexit"), HELPERS);
        assertThatThrownBy(() -> bad.run(space, base)).isInstanceOf(ExecutionFault.class);
        assertThat(good.run(space, base)).isEqualTo(9);
    }
}
