package dev.extos.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import dev.extos.isa.asm.Assembler;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading verifies for the hook and says why a program is refused. */
class LoadingTest {
    private final Domain domain = ExtOS.embedded();

    @Test
    void aReadPastTheRecordIsRejectedWithTheVerifiersMessage() {
        assertThatThrownBy(() -> domain.loadAssembly("past-end", Programs.READS_PAST_END, Hook.READ))
                .isInstanceOfSatisfying(ProgramRejectedException.class, e -> {
                    assertThat(e.reason()).startsWith("insn 1: ldxb %r0, [%r2+0]: ").contains("packet");
                    assertThat(e.log()).isNotEmpty();
                })
                .hasMessageStartingWith("past-end rejected: insn 1");
    }

    @Test
    void aWriteToTheContextIsRejected() {
        assertThatThrownBy(() -> domain.loadAssembly("ctx-write", "stw [%r1+16], 1\nmov %r0, 0\nexit\n", Hook.READ))
                .isInstanceOf(ProgramRejectedException.class)
                .hasMessageContaining("ctx-write rejected: insn 0");
    }

    @Test
    void aContextPointerMovedByAValueOnlyTheVerifierKnowsReadsTheFieldItProved() {
        // r3 == 4 only on the branch taken, so the load at insn 4 reads the scalar field offset (16).
        String program = """
                ldxdw %r3, [%r1+16]
                mov %r0, 0
                jne %r3, 4, out
                add %r1, %r3
                ldxdw %r0, [%r1+12]
                out: exit
                """;
        assertThat(domain.loadAssembly("moved-ctx", program, Hook.READ).instructionCount()).isEqualTo(6);
    }

    @Test
    void aLoadOfDifferentPointerFieldsOnDifferentPathsIsRefused() {
        String program = """
                ldxdw %r3, [%r1+16]
                jeq %r3, 0, +1
                add %r1, 4
                ldxw %r2, [%r1+0]
                mov %r0, 0
                exit
                """;
        assertThatThrownBy(() -> domain.loadAssembly("two-fields", program, Hook.READ))
                .isInstanceOf(ProgramRejectedException.class)
                .hasMessageContaining("two-fields rejected: insn 3").hasMessageContaining("reads context field data_end on one path and data on another");
    }

    @Test
    void aProgramGetsItsMapsAndTheApplicationCanReadThem() {
        List<MapSpec> maps = List.of(MapSpec.of("counts", MapType.ARRAY, 4, 8, 1));
        LoadedFilter f = domain.load("counter", Assembler.assemble(Programs.KEEP_ALL), Hook.READ, maps);
        assertThat(f.maps()).containsExactlyElementsOf(maps);
        assertThat(f.map("counts")).isPresent();
        assertThat(f.map("nope")).isEmpty();
    }

    @Test
    void aLoadedFilterDescribesItself() {
        LoadedFilter f = domain.loadAssembly("keep", Programs.KEEP_ALL, Hook.READ);
        assertThat(f.name()).isEqualTo("keep");
        assertThat(f.hook()).isEqualTo(Hook.READ);
        assertThat(f.instructionCount()).isEqualTo(2);
        assertThat(f.maps()).isEmpty();
        assertThat(Hook.byName("read")).isEqualTo(Hook.READ);
        assertThat(Hook.byName("extos/frame")).isEqualTo(Hook.FRAME);
    }

    @Test
    void aFramerMustBeLoadedForTheFrameHook() {
        LoadedFilter read = domain.loadAssembly("r", Programs.KEEP_ALL, Hook.READ);
        assertThatThrownBy(() -> Framing.program(read)).hasMessageContaining("r was loaded for extos/read, not extos/frame");
    }
}
