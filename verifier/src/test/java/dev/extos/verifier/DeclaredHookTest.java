package dev.extos.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.asm.Assembler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A new hook needs only a declaration: the IO read filter's context (DESIGN.md §4), declared here as data. */
class DeclaredHookTest {
    static final ProgramType READ_FILTER = new ProgramType("extos/read", List.of(
            ContextField.readOnly("data", 0, 4, FieldKind.PACKET_START),
            ContextField.readOnly("data_end", 4, 4, FieldKind.PACKET_END),
            ContextField.readOnly("args", 8, 4, FieldKind.ARGS_START),
            ContextField.readOnly("args_end", 12, 4, FieldKind.ARGS_END),
            ContextField.readOnly("offset", 16, 8, FieldKind.SCALAR),
            ContextField.readOnly("index", 24, 8, FieldKind.SCALAR)),
            32, -1, false, Map.of(), ReturnRange.ANY_U32);

    private static Verdict verify(String asm) {
        return Verifier.verify(Assembler.assemble(asm), READ_FILTER);
    }

    @Test
    void readsArgsAfterACheckAgainstArgsEnd() {
        Verdict v = verify("""
                ldxw %r2, [%r1+8]
                ldxw %r3, [%r1+12]
                ldxdw %r4, [%r1+24]
                mov %r5, %r2
                add %r5, 4
                jgt %r5, %r3, out
                ldxw %r0, [%r2+0]
                exit
                out:
                mov %r0, 0
                exit
                """);
        assertThat(v).isInstanceOf(Verdict.Accepted.class);
        assertThat(((Verdict.Accepted) v).facts().region(6)).isEqualTo(RegionKind.ARGS);
    }

    @Test
    void argsAreReadOnly() {
        Verdict v = verify("""
                ldxw %r2, [%r1+8]
                ldxw %r3, [%r1+12]
                mov %r5, %r2
                add %r5, 4
                jgt %r5, %r3, out
                stw [%r2+0], 1
                out:
                mov %r0, 0
                exit
                """);
        assertThat(((Verdict.Rejected) v).message()).contains("insn 5").contains("args is read-only");
    }

    @Test
    void recordDataIsReadOnlyWhenTheHookSaysSo() {
        Verdict v = verify("""
                ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+4]
                mov %r5, %r2
                add %r5, 1
                jgt %r5, %r3, out
                stb [%r2+0], 1
                out:
                mov %r0, 0
                exit
                """);
        assertThat(((Verdict.Rejected) v).reason()).isEqualTo("packet is read-only in extos/read programs");
    }

    @Test
    void argsEndDoesNotBoundTheRecord() {
        Verdict v = verify("""
                ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+12]
                mov %r5, %r2
                add %r5, 1
                jgt %r5, %r3, out
                ldxb %r0, [%r2+0]
                exit
                out:
                mov %r0, 0
                exit
                """);
        assertThat(((Verdict.Rejected) v).reason()).contains("different regions");
    }

    @Test
    void wideScalarFieldsLoadWhole() {
        assertThat(verify("ldxdw %r0, [%r1+16]\nexit")).isInstanceOf(Verdict.Accepted.class);
        assertThat(verify("ldxw %r0, [%r1+16]\nexit")).isInstanceOf(Verdict.Rejected.class);
    }
}
