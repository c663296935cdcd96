package dev.extos.isa.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.extos.isa.Instruction.Goto;
import dev.extos.isa.Instruction.Jump;
import dev.extos.isa.Program;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Assembly errors name the exact line and column (both from 1) of the fault, and why. */
class AssemblerErrorTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("mov %r0, 0\nadd %r11, 1", 2, 5, "invalid register %r11 (eBPF has r0 to r10)"),
                Arguments.of("mov %r0, r15", 1, 10, "invalid register r15 (eBPF has r0 to r10)"),
                Arguments.of("ldxw %r0, [%r12+4]", 1, 12, "invalid register %r12 (eBPF has r0 to r10)"),
                Arguments.of("exit\n  ldxq %r0, [%r1]", 2, 3, "unknown mnemonic 'ldxq'"),
                Arguments.of("start: ldxq %r0, [%r1]", 1, 8, "unknown mnemonic 'ldxq'"),
                Arguments.of("movsx %r0, %r1", 1, 1, "unknown mnemonic 'movsx'"),
                Arguments.of("ldxsdw %r0, [%r1]", 1, 1, "unknown mnemonic 'ldxsdw'"),
                Arguments.of("mov %r0,", 1, 9, "expected an immediate but the line ends"),
                Arguments.of("mov %r0", 1, 8, "expected ',' but the line ends"),
                Arguments.of("lddw %r0", 1, 9, "expected ',' but the line ends"),
                Arguments.of("lock or [%r10-8]", 1, 17, "expected ',' but the line ends"),
                Arguments.of("lock", 1, 5, "expected an atomic operation after 'lock' but the line ends"),
                Arguments.of("ldxb %r0, %r1", 1, 11, "expected '[' starting a memory operand but found '%r1'"),
                Arguments.of("mov %r0, # no source", 1, 10, "expected an immediate but the line ends"),
                Arguments.of("mov %r0, 1, 2", 1, 11, "unexpected ',': too many operands"),
                Arguments.of("exit %r0", 1, 6, "unexpected '%r0': too many operands"),
                Arguments.of("neg %r1, %r2", 1, 8, "unexpected ',': too many operands"),
                Arguments.of("mov %r0, 0\nja nowhere\nexit", 2, 4, "no label 'nowhere'"),
                Arguments.of("ja NOT_A_LABEL\nmov %r0, 1", 1, 4, "no label 'NOT_A_LABEL'"),
                Arguments.of("ja exit\nmov %r0, 1", 1, 4, "no label 'exit'"),
                Arguments.of("a:\nexit\n a: exit", 3, 2, "label 'a' is defined twice"),
                Arguments.of("mov32 %r0, 2147483648", 1, 12,
                        "immediate 2147483648 is outside the signed 32-bit range [-2147483648, 2147483647]"),
                Arguments.of("mov32 %r0, -2147483649", 1, 12,
                        "immediate -2147483649 is outside the signed 32-bit range [-2147483648, 2147483647]"),
                Arguments.of("mov32 %r0, 0x100000000", 1, 12, "immediate 0x100000000 does not fit in 32 bits"),
                Arguments.of("jeq %r0, -0x80000001, +1", 1, 10, "immediate -0x80000001 does not fit in 32 bits"),
                Arguments.of("lddw %r0, 0x10000000000000000", 1, 11, "immediate 0x10000000000000000 does not fit in 64 bits"),
                Arguments.of("ldxb %r0, [%r1+0x10000]", 1, 15, "offset 0x10000 is outside [-32768, 32767]"),
                Arguments.of("stxb [%r1-32769], %r0", 1, 10, "offset -32769 is outside [-32768, 32767]"),
                Arguments.of("jeq %r1, 0, +32768", 1, 13, "offset 32768 does not fit in 16 signed bits"),
                Arguments.of("ja 3", 1, 4, "a jump target is a label or a signed offset (+3), not a bare number"),
                Arguments.of("movsx3232 %r0, %r1", 1, 1, "movsx from 32 bits is not defined for W32"),
                Arguments.of("mov %r0, $1", 1, 10, "expected a number but found '$1'"),
                Arguments.of("mov %r0, 1 ; x", 1, 12, "unexpected character ';'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsTheLineAndColumnOfTheFault(String source, int line, int column, String reason) {
        AssemblyException e = catchThrowableOfType(AssemblyException.class, () -> Assembler.assemble(source));
        assertThat(e).as("assembling %s", source).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.line()).as("line").isEqualTo(line);
        assertThat(e.column()).as("column").isEqualTo(column);
        assertThat(e.getMessage()).isEqualTo("line " + line + ", column " + column + ": " + reason);
    }

    @Test
    void acceptsTheBoundaryImmediatesAndOffsets() {
        Program p = Assembler.assemble("""
                mov32 %r0, 2147483647
                mov32 %r0, -2147483648
                mov32 %r0, 0xffffffff
                ldxb %r0, [%r1+32767]
                ldxb %r0, [%r1-32768]
                ldxb %r0, [%r1+0x7fff]
                """);
        assertThat(p.instructions()).hasSize(6);
    }

    @Test
    void rejectsALabelTooFarForASixteenBitOffset() {
        String tooFar = "jeq %r1, 0, far\n" + "mov %r0, 0\n".repeat(32768) + "far: exit\n";
        AssemblyException e = catchThrowableOfType(AssemblyException.class, () -> Assembler.assemble(tooFar));
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(13);
        assertThat(e.reason()).startsWith("label 'far' is too far for this jump").contains("32768").endsWith("use ja32");

        String backward = "back: mov %r0, 0\n" + "mov %r0, 0\n".repeat(32767) + "ja back\n";
        AssemblyException b = catchThrowableOfType(AssemblyException.class, () -> Assembler.assemble(backward));
        assertThat(b).isNotNull();
        assertThat(b.line()).isEqualTo(32769);
        assertThat(b.column()).isEqualTo(4);
    }

    @Test
    void reachesTheFarthestSixteenBitTargetsAndBeyondWithJa32() {
        String justFits = "jeq %r1, 0, far\n" + "mov %r0, 0\n".repeat(32767) + "far: exit\n";
        assertThat(Assembler.assemble(justFits).instructions().getFirst()).isInstanceOfSatisfying(Jump.class,
                j -> assertThat(j.offset()).isEqualTo(32767));
        String wide = "ja32 far\n" + "mov %r0, 0\n".repeat(40000) + "far: exit\n";
        assertThat(Assembler.assemble(wide).instructions().getFirst()).isEqualTo(new Goto(40000, true));
    }
}
