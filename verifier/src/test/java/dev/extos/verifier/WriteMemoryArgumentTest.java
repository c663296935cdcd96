package dev.extos.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.asm.Assembler;
import dev.extos.verifier.HelperPrototype.Argument;
import dev.extos.verifier.HelperPrototype.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WRITE_MEMORY, which no catalog helper uses yet, through a declared helper (fill(buf, len)):
 * the bytes it surely writes become readable, the ones it may write do not.
 */
class WriteMemoryArgumentTest {
    private static final HelperPrototype FILL = new HelperPrototype(2000, "fill",
            List.of(Argument.WRITE_MEMORY, Argument.SIZE_OR_ZERO), Result.U64);
    private static final ProgramType XDP_WITH_FILL = withFill(ProgramType.xdp());

    private static ProgramType withFill(ProgramType t) {
        return new ProgramType(t.name(), t.context(), t.contextSize(), t.memorySize(), t.packetWritable(),
                Map.of(FILL.id(), FILL), t.returnRange());
    }

    private static Verdict verify(String asm) {
        return Verifier.verify(Assembler.assemble(asm), XDP_WITH_FILL);
    }

    @Test
    void aConstantSizeInitialisesTheBuffer() {
        Verdict v = verify("""
                mov %r1, %r10
                add %r1, -16
                mov %r2, 16
                call 2000
                ldxdw %r0, [%r10-16]
                ldxdw %r1, [%r10-8]
                exit
                """);
        assertThat(v).as(v.log().toString()).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void aVariableSizeInitialisesOnlyItsMinimum() {
        String prefix = """
                ldxw %r2, [%r1+12]
                and %r2, 7
                or %r2, 4
                mov %r1, %r10
                add %r1, -8
                call 2000
                """;
        assertThat(verify(prefix + "ldxw %r0, [%r10-8]\nexit")).isInstanceOf(Verdict.Accepted.class);
        Verdict.Rejected r = (Verdict.Rejected) verify(prefix + "ldxw %r0, [%r10-4]\nexit");
        assertThat(r.pc()).isEqualTo(6);
        assertThat(r.reason()).contains("read of uninitialised stack: 4 bytes at fp-4");
    }

    @Test
    void aVariableSizeMayNotCoverASpilledPointer() {
        Verdict.Rejected r = (Verdict.Rejected) verify("""
                stxdw [%r10-8], %r1
                ldxw %r2, [%r1+12]
                and %r2, 15
                mov %r1, %r10
                add %r1, -16
                call 2000
                mov %r0, 0
                exit
                """);
        assertThat(r.pc()).isEqualTo(5);
        assertThat(r.reason()).contains("may overwrite part of the pointer ctx(off=0) spilled at fp-8");
    }

    @Test
    void packetBytesAreWritableOnlyWhereTheHookAllows() {
        String program = """
                ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+4]
                mov %r4, %r2
                add %r4, 8
                jgt %r4, %r3, out
                mov %r1, %r2
                mov %r2, 8
                call 2000
                out:
                mov %r0, 0
                exit
                """;
        assertThat(verify(program)).isInstanceOf(Verdict.Accepted.class);
        Verdict v = Verifier.verify(Assembler.assemble(program), withFill(ProgramType.extosRead()));
        assertThat(((Verdict.Rejected) v).reason()).contains("argument r1 (WRITE_MEMORY): packet is read-only in extos/read programs");
        Verdict tooLong = verify(program.replace("mov %r2, 8", "mov %r2, 9"));
        assertThat(((Verdict.Rejected) tooLong).reason()).contains("write of 9 bytes at packet+0 but only 8 bytes are known to be in bounds");
    }

    @Test
    void aVariableOffsetBufferIsOnlyMaybeWritten() {
        String prefix = """
                ldxw %r3, [%r1+12]
                and %r3, 8
                mov %r1, %r10
                add %r1, -16
                add %r1, %r3
                mov %r2, 8
                call 2000
                """;
        Verdict.Rejected r = (Verdict.Rejected) verify(prefix + "ldxdw %r0, [%r10-16]\nexit");
        assertThat(r.reason()).contains("read of uninitialised stack");
        assertThat(verify("stdw [%r10-16], 0\nstdw [%r10-8], 0\n" + prefix + "ldxdw %r0, [%r10-16]\nexit"))
                .isInstanceOf(Verdict.Accepted.class);
    }
}
