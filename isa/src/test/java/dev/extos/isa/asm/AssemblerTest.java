package dev.extos.isa.asm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.AluOp;
import dev.extos.isa.AtomicOp;
import dev.extos.isa.Imm;
import dev.extos.isa.Imm64Kind;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.JumpCondition;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import dev.extos.isa.Size;
import dev.extos.isa.SwapKind;
import dev.extos.isa.Width;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each mnemonic family assembles to the expected instruction; labels, comments and register spellings work. */
class AssemblerTest {
    private static final Width W32 = Width.W32;
    private static final Width W64 = Width.W64;

    static Stream<Arguments> lines() {
        return Stream.of(
                // ALU, both widths, register and immediate sources
                Arguments.of("add %r1, %r2", new Alu(W64, AluOp.ADD, Reg.R1, Reg.R2)),
                Arguments.of("add32 %r1, 5", new Alu(W32, AluOp.ADD, Reg.R1, new Imm(5))),
                Arguments.of("sub %r3, -7", new Alu(W64, AluOp.SUB, Reg.R3, new Imm(-7))),
                Arguments.of("mul32 %r4, %r5", new Alu(W32, AluOp.MUL, Reg.R4, Reg.R5)),
                Arguments.of("div %r0, 3", new Alu(W64, AluOp.DIV, Reg.R0, new Imm(3))),
                Arguments.of("sdiv32 %r0, %r1", new Alu(W32, AluOp.SDIV, Reg.R0, Reg.R1)),
                Arguments.of("mod %r0, %r1", new Alu(W64, AluOp.MOD, Reg.R0, Reg.R1)),
                Arguments.of("smod %r0, -3", new Alu(W64, AluOp.SMOD, Reg.R0, new Imm(-3))),
                Arguments.of("or %r0, 0xff", new Alu(W64, AluOp.OR, Reg.R0, new Imm(0xff))),
                Arguments.of("and32 %r0, 0xffffff80", new Alu(W32, AluOp.AND, Reg.R0, new Imm(-128))),
                Arguments.of("lsh %r9, 63", new Alu(W64, AluOp.LSH, Reg.R9, new Imm(63))),
                Arguments.of("rsh32 %r9, %r8", new Alu(W32, AluOp.RSH, Reg.R9, Reg.R8)),
                Arguments.of("arsh %r1, 1", new Alu(W64, AluOp.ARSH, Reg.R1, new Imm(1))),
                Arguments.of("xor32 %r1, %r10", new Alu(W32, AluOp.XOR, Reg.R1, Reg.R10)),
                Arguments.of("mov %r0, 1", new Alu(W64, AluOp.MOV, Reg.R0, new Imm(1))),
                Arguments.of("mov32 %r0, -2147483648", new Alu(W32, AluOp.MOV, Reg.R0, new Imm(Integer.MIN_VALUE))),
                Arguments.of("mov %r0, 0xffffffff", new Alu(W64, AluOp.MOV, Reg.R0, new Imm(-1))),
                Arguments.of("mov %r0, -0x80000000", new Alu(W64, AluOp.MOV, Reg.R0, new Imm(Integer.MIN_VALUE))),
                Arguments.of("neg %r1", new Neg(W64, Reg.R1)),
                Arguments.of("neg32 %r2", new Neg(W32, Reg.R2)),
                // sign-extending moves: movsx<from><to>
                Arguments.of("movsx832 %r1, %r2", new MovSx(W32, Reg.R1, Reg.R2, 8)),
                Arguments.of("movsx1632 %r1, %r2", new MovSx(W32, Reg.R1, Reg.R2, 16)),
                Arguments.of("movsx864 %r1, %r2", new MovSx(W64, Reg.R1, Reg.R2, 8)),
                Arguments.of("movsx1664 %r1, %r2", new MovSx(W64, Reg.R1, Reg.R2, 16)),
                Arguments.of("movsx3264 %r1, %r2", new MovSx(W64, Reg.R1, Reg.R2, 32)),
                // byte swaps
                Arguments.of("be16 %r1", new ByteSwap(SwapKind.TO_BE, 16, Reg.R1)),
                Arguments.of("le32 %r2", new ByteSwap(SwapKind.TO_LE, 32, Reg.R2)),
                Arguments.of("le64 %r3", new ByteSwap(SwapKind.TO_LE, 64, Reg.R3)),
                Arguments.of("swap64 %r4", new ByteSwap(SwapKind.SWAP, 64, Reg.R4)),
                Arguments.of("bswap16 %r5", new ByteSwap(SwapKind.SWAP, 16, Reg.R5)),
                // jumps with numeric offsets
                Arguments.of("jeq %r1, 0x11, +1", new Jump(W64, JumpCondition.EQ, Reg.R1, new Imm(0x11), 1)),
                Arguments.of("jne32 %r1, %r2, -3", new Jump(W32, JumpCondition.NE, Reg.R1, Reg.R2, -3)),
                Arguments.of("jsgt %r1, -1, +32767", new Jump(W64, JumpCondition.SGT, Reg.R1, new Imm(-1), 32767)),
                Arguments.of("ja +2", new Goto(2, false)),
                Arguments.of("ja -32768", new Goto(-32768, false)),
                Arguments.of("ja32 -1", new Goto(-1, true)),
                Arguments.of("gotol +100000", new Goto(100000, true)),
                // loads and stores
                Arguments.of("ldxw %r0, [%r1+4]", new Load(Size.W, false, Reg.R0, Reg.R1, 4)),
                Arguments.of("ldxh %r0, [%r1-2]", new Load(Size.H, false, Reg.R0, Reg.R1, -2)),
                Arguments.of("ldxb %r0, [%r1]", new Load(Size.B, false, Reg.R0, Reg.R1, 0)),
                Arguments.of("ldxdw %r0, [%r10-32768]", new Load(Size.DW, false, Reg.R0, Reg.R10, -32768)),
                Arguments.of("ldxsb %r0, [%r1+0x7fff]", new Load(Size.B, true, Reg.R0, Reg.R1, 32767)),
                Arguments.of("ldxsh %r0, [%r1+2]", new Load(Size.H, true, Reg.R0, Reg.R1, 2)),
                Arguments.of("ldxsw %r0, [%r1+4]", new Load(Size.W, true, Reg.R0, Reg.R1, 4)),
                Arguments.of("stb [%r10-1], 0x11", new Store(Size.B, Reg.R10, new Imm(0x11), -1)),
                Arguments.of("sth [%r10-2], -1", new Store(Size.H, Reg.R10, new Imm(-1), -2)),
                Arguments.of("stw [%r10-4], 7", new Store(Size.W, Reg.R10, new Imm(7), -4)),
                Arguments.of("stdw [%r10-8], 0x7fffffff", new Store(Size.DW, Reg.R10, new Imm(0x7fffffff), -8)),
                Arguments.of("stxb [%r1+1], %r2", new Store(Size.B, Reg.R1, Reg.R2, 1)),
                Arguments.of("stxh [%r1+2], %r2", new Store(Size.H, Reg.R1, Reg.R2, 2)),
                Arguments.of("stxw [%r1+4], %r2", new Store(Size.W, Reg.R1, Reg.R2, 4)),
                Arguments.of("stxdw [%r10-8], %r1", new Store(Size.DW, Reg.R10, Reg.R1, -8)),
                // atomics
                Arguments.of("lock add [%r10-8], %r1", new Atomic(Size.DW, AtomicOp.ADD, false, Reg.R10, Reg.R1, -8)),
                Arguments.of("lock fetch add [%r10-8], %r1", new Atomic(Size.DW, AtomicOp.ADD, true, Reg.R10, Reg.R1, -8)),
                Arguments.of("lock add32 [%r10-4], %r1", new Atomic(Size.W, AtomicOp.ADD, false, Reg.R10, Reg.R1, -4)),
                Arguments.of("lock or [%r1], %r2", new Atomic(Size.DW, AtomicOp.OR, false, Reg.R1, Reg.R2, 0)),
                Arguments.of("lock fetch or32 [%r1+4], %r2", new Atomic(Size.W, AtomicOp.OR, true, Reg.R1, Reg.R2, 4)),
                Arguments.of("lock and [%r1], %r2", new Atomic(Size.DW, AtomicOp.AND, false, Reg.R1, Reg.R2, 0)),
                Arguments.of("lock fetch xor32 [%r1], %r2", new Atomic(Size.W, AtomicOp.XOR, true, Reg.R1, Reg.R2, 0)),
                Arguments.of("lock xchg [%r10-8], %r1", new Atomic(Size.DW, AtomicOp.XCHG, true, Reg.R10, Reg.R1, -8)),
                Arguments.of("lock cmpxchg32 [%r10-8], %r1", new Atomic(Size.W, AtomicOp.CMPXCHG, true, Reg.R10, Reg.R1, -8)),
                // 64-bit immediates
                Arguments.of("lddw %r0, 0x1122334455667788", LoadImm64.constant(Reg.R0, 0x1122334455667788L)),
                Arguments.of("lddw %r0, 0xffffffffffffffff", LoadImm64.constant(Reg.R0, -1L)),
                Arguments.of("lddw %r0, -9223372036854775808", LoadImm64.constant(Reg.R0, Long.MIN_VALUE)),
                Arguments.of("lddw %r0, 5", LoadImm64.constant(Reg.R0, 5)),
                Arguments.of("lddw %r1, map_fd 3", new LoadImm64(Reg.R1, Imm64Kind.MAP_FD, 3, 0)),
                Arguments.of("lddw %r1, map_value 3, 16", new LoadImm64(Reg.R1, Imm64Kind.MAP_VALUE, 3, 16)),
                Arguments.of("lddw %r2, btf_id 77", new LoadImm64(Reg.R2, Imm64Kind.BTF_ID, 77, 0)),
                Arguments.of("lddw %r2, func 4", new LoadImm64(Reg.R2, Imm64Kind.FUNC, 4, 0)),
                Arguments.of("lddw %r2, map_idx 0", new LoadImm64(Reg.R2, Imm64Kind.MAP_IDX, 0, 0)),
                Arguments.of("lddw %r2, map_idx_value 1, 8", new LoadImm64(Reg.R2, Imm64Kind.MAP_IDX_VALUE, 1, 8)),
                // legacy packet loads
                Arguments.of("ldabsw 12", new PacketLoad(Size.W, false, Reg.R0, 12)),
                Arguments.of("ldabsh 2", new PacketLoad(Size.H, false, Reg.R0, 2)),
                Arguments.of("ldabsb 0", new PacketLoad(Size.B, false, Reg.R0, 0)),
                Arguments.of("ldindw %r1, 4", new PacketLoad(Size.W, true, Reg.R1, 4)),
                Arguments.of("ldindh %r1, 4", new PacketLoad(Size.H, true, Reg.R1, 4)),
                Arguments.of("ldindb %r2, -1", new PacketLoad(Size.B, true, Reg.R2, -1)),
                // calls and exit
                Arguments.of("call 5", new Call(5)),
                Arguments.of("call helper 6", new Call(6)),
                Arguments.of("call local +2", new CallLocal(2)),
                Arguments.of("call local -5", new CallLocal(-5)),
                Arguments.of("call kfunc 7", new CallKfunc(7, 0)),
                Arguments.of("call kfunc 7, 2", new CallKfunc(7, 2)),
                Arguments.of("call %r2", new CallRegister(Reg.R2)),
                Arguments.of("exit", new Exit()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void assemblesEachMnemonicFamily(String line, Instruction expected) {
        assertThat(Assembler.assemble(line).instructions()).containsExactly(expected);
    }

    @ParameterizedTest
    @EnumSource(JumpCondition.class)
    void assemblesEveryJumpCondition(JumpCondition c) {
        assertThat(Assembler.assemble(c.mnemonic() + " %r1, 3, +1\n" + c.mnemonic() + "32 %r1, %r2, -1").instructions())
                .containsExactly(new Jump(W64, c, Reg.R1, new Imm(3), 1), new Jump(W32, c, Reg.R1, Reg.R2, -1));
    }

    @ParameterizedTest
    @EnumSource(AluOp.class)
    void assemblesEveryAluOperation(AluOp op) {
        assertThat(Assembler.assemble(op.mnemonic() + " %r1, 3\n" + op.mnemonic() + "32 %r1, %r2").instructions())
                .containsExactly(new Alu(W64, op, Reg.R1, new Imm(3)), new Alu(W32, op, Reg.R1, Reg.R2));
    }

    @Test
    void resolvesLabelsForwardAndBackwardCountingSlots() {
        Program p = Assembler.assemble("""
                    mov %r0, 0
                loop:
                    add %r0, 1
                    jlt %r0, 10, loop
                    ja done
                    lddw %r1, 5
                    call local loop
                done: exit
                """);
        assertThat(p.instructions()).containsExactly(
                new Alu(W64, AluOp.MOV, Reg.R0, new Imm(0)),
                new Alu(W64, AluOp.ADD, Reg.R0, new Imm(1)),
                new Jump(W64, JumpCondition.LT, Reg.R0, new Imm(10), -2),
                new Goto(3, false),
                LoadImm64.constant(Reg.R1, 5),
                new CallLocal(-6),
                new Exit());
    }

    @Test
    void jumpsToExitGoToTheFirstExitWhenNoLabelIsNamedSo() {
        Program p = Assembler.assemble("""
                jeq %r1, 0, exit
                mov %r0, 1
                exit
                ja32 exit
                exit
                """);
        assertThat(p.instructions()).containsExactly(
                new Jump(W64, JumpCondition.EQ, Reg.R1, new Imm(0), 1),
                new Alu(W64, AluOp.MOV, Reg.R0, new Imm(1)),
                new Exit(),
                new Goto(-2, true),
                new Exit());
    }

    @Test
    void aLabelNamedExitWinsOverTheFirstExit() {
        Program p = Assembler.assemble("ja exit\nexit\nexit:\nmov %r0, 2\nexit");
        assertThat(p.instructions().getFirst()).isEqualTo(new Goto(1, false));
    }

    @Test
    void acceptsBothRegisterSpellings() {
        Program percent = Assembler.assemble("add %r1, %r2\nldxw %r3, [%r10-4]\nlock add [%r1], %r2\ncall %r4");
        Program bare = Assembler.assemble("add r1, r2\nldxw r3, [r10-4]\nlock add [r1], r2\ncall r4");
        Program mixed = Assembler.assemble("add r1, %r2\nldxw %r3, [r10-4]\nlock add [%r1], r2\ncall %r4");
        assertThat(bare).isEqualTo(percent);
        assertThat(mixed).isEqualTo(percent);
        assertThat(percent.instructions().getFirst()).isEqualTo(new Alu(W64, AluOp.ADD, Reg.R1, Reg.R2));
    }

    @Test
    void ignoresCommentsAndBlankLines() {
        Program p = Assembler.assemble("""
                # a program
                   # indented comment

                mov %r0, 1 # trailing comment, with , and [ and ]
                start: # label with a comment
                exit#comment touching the mnemonic
                """);
        assertThat(p.instructions()).containsExactly(new Alu(W64, AluOp.MOV, Reg.R0, new Imm(1)), new Exit());
    }

    @Test
    void acceptsCarriageReturnLineEndsAndUpperCaseMnemonics() {
        assertThat(Assembler.assemble("MOV %r0, 1\r\nEXIT\r\n").instructions())
                .containsExactly(new Alu(W64, AluOp.MOV, Reg.R0, new Imm(1)), new Exit());
    }
}
