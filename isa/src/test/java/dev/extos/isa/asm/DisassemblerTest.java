package dev.extos.isa.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.extos.isa.AluOp;
import dev.extos.isa.AtomicOp;
import dev.extos.isa.Imm;
import dev.extos.isa.Imm64Kind;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.JumpCondition;
import dev.extos.isa.Program;
import dev.extos.isa.RandomInstructions;
import dev.extos.isa.Reg;
import dev.extos.isa.Size;
import dev.extos.isa.Width;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Disassembly assembles back to identical bytes, for random programs and for every program of the conformance suite. */
class DisassemblerTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    @Test
    void everyRandomInstructionFormatsToTextThatAssemblesBack() {
        RandomInstructions random = new RandomInstructions(0xD15A_0001L);
        for (int n = 0; n < 100_000; n++) {
            Instruction i = random.next();
            String text = Disassembler.format(i);
            assertThat(Assembler.assemble(text).instructions()).as(text).containsExactly(i);
        }
    }

    @Test
    void randomProgramsRoundTripWithLabels() {
        RandomInstructions random = new RandomInstructions(0xD15A_0002L);
        int labelled = 0;
        for (int n = 0; n < 500; n++) {
            Program p = Program.of(random.program(1 + n % 60));
            String text = Disassembler.disassemble(p);
            Program back = Assembler.assemble(text);
            assertThat(back.encode()).as(text).isEqualTo(p.encode());
            assertThat(back).isEqualTo(p);
            labelled += text.contains(":\n") ? 1 : 0;
        }
        assertThat(labelled).as("programs whose disassembly has labels").isGreaterThan(300);
    }

    @Test
    void labelsJumpTargetsBySlotAndKeepOtherOffsetsNumeric() {
        Program p = Program.of(
                new Alu(Width.W64, AluOp.MOV, Reg.R0, new Imm(0)),
                new Alu(Width.W64, AluOp.ADD, Reg.R0, new Imm(1)),
                new Jump(Width.W64, JumpCondition.LT, Reg.R0, new Imm(10), -2),
                LoadImm64.constant(Reg.R1, 0x1122334455667788L),
                new Goto(-3, false),
                new Goto(-3, false),
                new Goto(7, true),
                new CallLocal(-8),
                new Exit());
        // Slot 4 is the second half of the lddw and slot 15 is past the end: those offsets stay numeric.
        assertThat(Disassembler.disassemble(p)).isEqualTo("""
                mov %r0, 0
                L1:
                add %r0, 1
                jlt %r0, 10, L1
                L3:
                lddw %r1, 0x1122334455667788
                ja L3
                ja -3
                ja32 +7
                call local L1
                exit
                """);
    }

    @Test
    void formatsTheMostNegativeOffsetsSoThatTheyAssembleBack() {
        assertThat(Disassembler.format(new Goto(Integer.MIN_VALUE, true))).isEqualTo("ja32 -2147483648");
        assertThat(Disassembler.format(new CallLocal(Integer.MIN_VALUE))).isEqualTo("call local -2147483648");
        assertThat(Disassembler.format(new Goto(Short.MIN_VALUE, false))).isEqualTo("ja -32768");
    }

    @Test
    void formatsEachShapeInTheSuiteSyntax() {
        assertThat(Disassembler.format(new Jump(Width.W32, JumpCondition.SGE, Reg.R1, new Imm(-100000), 5)))
                .isEqualTo("jsge32 %r1, -100000, +5");
        assertThat(Disassembler.format(new Load(Size.B, true, Reg.R2, Reg.R10, -8))).isEqualTo("ldxsb %r2, [%r10-8]");
        assertThat(Disassembler.format(new Atomic(Size.W, AtomicOp.ADD, true, Reg.R1, Reg.R2, 0)))
                .isEqualTo("lock fetch add32 [%r1+0], %r2");
        assertThat(Disassembler.format(new MovSx(Width.W32, Reg.R1, Reg.R2, 16))).isEqualTo("movsx1632 %r1, %r2");
        assertThat(Disassembler.format(new CallRegister(Reg.R2))).isEqualTo("call %r2");
        assertThat(Disassembler.format(new LoadImm64(Reg.R1, Imm64Kind.MAP_VALUE, 3, 16)))
                .isEqualTo("lddw %r1, map_value 3, 16");
    }

    static List<Path> conformancePrograms() {
        List<Path> files = ConformanceFiles.withAsm(ConformanceFiles.testsDirectory());
        assertThat(files).as("conformance files with an asm section").hasSizeGreaterThan(300);
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conformancePrograms")
    void conformanceProgramsRoundTrip(Path file) {
        Program p = Assembler.assemble(ConformanceFiles.section(file, "asm"));
        assertThat(p.instructions()).isNotEmpty();
        String text = Disassembler.disassemble(p);
        assertThat(Assembler.assemble(text).encode()).as(text).isEqualTo(p.encode());
        assertThat(Program.decode(p.encode())).isEqualTo(p);
        String raw = ConformanceFiles.section(file, "raw");
        if (raw != null) {
            assertThat(HEX.formatHex(p.encode())).as("the file's raw section").isEqualTo(HEX.formatHex(rawBytes(raw)));
        }
    }

    /** The suite's negative programs that must not assemble. */
    private static final Set<String> MUST_NOT_ASSEMBLE = Set.of("invalid_imm32_dec_range.data", "invalid_imm32_hex_range.data",
            "invalid_label.data", "invalid_lock.data", "invalid_lock2.data", "invalid_mnemonic.data", "invalid_offset.data",
            "invalid_offset_range.data", "invalid_operand_count.data", "invalid_register.data",
            // Its asm section holds no instruction (the next line is an unknown "--" directive).
            "invalid_unknown_directive.data");

    static List<Path> negativePrograms() {
        return ConformanceFiles.withAsm(ConformanceFiles.testsDirectory().resolve("negative"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negativePrograms")
    void negativeProgramsAreRejectedByTheAssemblerOrRoundTrip(Path file) {
        String source = ConformanceFiles.section(file, "asm");
        Throwable t = catchThrowable(() -> Assembler.assemble(source));
        if (MUST_NOT_ASSEMBLE.contains(file.getFileName().toString())) {
            assertThat(t).isInstanceOf(AssemblyException.class);
        } else {
            assertThat(t).isNull();
            Program p = Assembler.assemble(source);
            assertThat(Assembler.assemble(Disassembler.disassemble(p)).encode()).isEqualTo(p.encode());
        }
    }

    @Test
    void allNegativeProgramsThatMustNotAssembleArePresent() {
        assertThat(negativePrograms().stream().map(p -> p.getFileName().toString())).containsAll(MUST_NOT_ASSEMBLE);
    }

    /** The suite's raw section: one little-endian 64-bit word per line, written as 0x-prefixed hex. */
    private static byte[] rawBytes(String raw) {
        List<String> words = raw.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        ByteBuffer out = ByteBuffer.allocate(words.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (String w : words) {
            out.putLong(Long.parseUnsignedLong(w.substring(2), 16));
        }
        return out.array();
    }
}
