package dev.extos.vm.interp;

import static dev.extos.vm.interp.Run.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.isa.asm.Assembler;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.ExecutionFault;
import dev.extos.vm.Helper;
import dev.extos.vm.HelperTable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Local calls, their stack frames, and helper calls. */
class InterpreterCallTest {

    @Test
    void eachCallGetsItsOwnStackFrameAndTheCallerKeepsItsOwn() {
        String asm = """
                stdw [%r10-8], 11
                call local f
                ldxdw %r1, [%r10-8]
                add %r0, %r1
                exit
                f:
                stdw [%r10-8], 100
                ldxdw %r0, [%r10-8]
                exit
                """;
        assertThat(run(asm)).isEqualTo(111);
    }

    @Test
    void aCalleeMayWriteThroughAPointerToTheCallersStack() {
        String asm = """
                stdw [%r10-8], 1
                mov %r1, %r10
                sub %r1, 8
                call local f
                ldxdw %r0, [%r10-8]
                exit
                f:
                stdw [%r1+0], 77
                mov %r0, 0
                exit
                """;
        assertThat(run(asm)).isEqualTo(77);
    }

    @Test
    void calleeSavedRegistersSurviveACallAndTheCalleeStartsWithThemCleared() {
        String asm = """
                mov %r6, 6
                call local f
                add %r0, %r6
                exit
                f:
                mov %r0, %r6
                mov %r6, 99
                exit
                """;
        assertThat(run(asm)).isEqualTo(6);
    }

    @Test
    void recursionDeeperThanEightFramesFaults() {
        String asm = """
                call local f
                exit
                f:
                call local f
                exit
                """;
        assertThatThrownBy(() -> run(asm))
                .isInstanceOf(ExecutionFault.class)
                .hasMessageContaining("insn 2 (call local -1)")
                .hasMessageContaining("deeper than 8 frames");
    }

    @Test
    void sevenNestedCallsAreAllowed() {
        StringBuilder asm = new StringBuilder("mov %r0, 0\nmov %r1, 0\ncall local f1\nexit\n");
        for (int i = 1; i <= 7; i++) {
            asm.append("f").append(i).append(":\nadd %r1, 1\n");
            asm.append(i < 7 ? "call local f" + (i + 1) + "\n" : "").append("mov %r0, %r1\nexit\n");
        }
        assertThat(run(asm.toString())).isEqualTo(7);
    }

    @Test
    void helpersReceiveTheirArgumentsAndTheProgramsMemory() {
        AtomicReference<byte[]> seen = new AtomicReference<>();
        HelperTable helpers = HelperTable.of(new Helper(200, "peek", (memory, r1, r2, r3, r4, r5) -> {
            seen.set(memory.read(r1, (int) r2));
            return r3 + r4 + r5;
        }));
        String asm = """
                stw [%r10-4], 0x64636261
                mov %r1, %r10
                sub %r1, 4
                mov %r2, 4
                mov %r3, 1
                mov %r4, 2
                mov %r5, 3
                call 200
                exit
                """;
        long r0 = new Interpreter().load(Assembler.assemble(asm), helpers).run(new AddressSpace(), 0);
        assertThat(r0).isEqualTo(6);
        assertThat(new String(seen.get())).isEqualTo("abcd");
    }

    @Test
    void callingAHelperTheDomainDoesNotOfferFaults() {
        assertThatThrownBy(() -> run("call 12345\nexit"))
                .isInstanceOf(ExecutionFault.class)
                .hasMessageContaining("insn 0 (call 12345)")
                .hasMessageContaining("helper 12345");
        assertThatThrownBy(() -> run("mov %r1, -1\ncall %r1\nexit"))
                .isInstanceOf(ExecutionFault.class)
                .hasMessageContaining("helper 18446744073709551615");
    }

    @Test
    void aHelperThatRejectsAPointerEndsTheRunWithAFaultAtTheCall() {
        String asm = "mov %r1, 0\nmov %r2, 4\ncall 201\nexit";
        HelperTable helpers = HelperTable.of(new Helper(201, "read", (memory, r1, r2, r3, r4, r5) -> memory.read(r1, (int) r2).length));
        assertThatThrownBy(() -> new Interpreter().load(Assembler.assemble(asm), helpers).run(new AddressSpace(), 0))
                .isInstanceOf(ExecutionFault.class)
                .hasMessageContaining("insn 2 (call 201)")
                .hasMessageContaining("null pointer");
    }
}
