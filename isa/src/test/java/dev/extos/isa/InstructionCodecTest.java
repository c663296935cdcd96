package dev.extos.isa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.extos.isa.Instruction.*;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Encoding and decoding are inverse, and match the RFC 9669 byte layout on hand-checked examples. */
class InstructionCodecTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    @Test
    void randomInstructionsSurviveEncodeThenDecode() {
        RandomInstructions random = new RandomInstructions(0x5eed_0001L);
        List<Instruction> all = new ArrayList<>();
        for (int n = 0; n < 100_000; n++) {
            Instruction i = random.next();
            all.add(i);
            Program one = Program.of(i);
            byte[] bytes = one.encode();
            assertThat(bytes).as("%s", i).hasSize(8 * i.slots());
            assertThat(Program.decode(bytes).instructions()).as("%s = %s", i, HEX.formatHex(bytes)).containsExactly(i);
        }
        Program whole = Program.of(all);
        byte[] bytes = whole.encode();
        Program decoded = Program.decode(bytes);
        assertThat(decoded).isEqualTo(whole);
        assertThat(decoded.encode()).isEqualTo(bytes);
        assertThat(decoded.slotCount()).isEqualTo(bytes.length / 8);
    }

    static Stream<Arguments> golden() {
        return Stream.of(
                golden("mov64 r0, 1", new Alu(Width.W64, AluOp.MOV, Reg.R0, new Imm(1)), "b7 00 00 00 01 00 00 00"),
                golden("add32 r1, r2", new Alu(Width.W32, AluOp.ADD, Reg.R1, Reg.R2), "0c 21 00 00 00 00 00 00"),
                golden("sdiv64 r1, r2 (offset 1)", new Alu(Width.W64, AluOp.SDIV, Reg.R1, Reg.R2), "3f 21 01 00 00 00 00 00"),
                golden("smod32 r1, -3 (offset 1)", new Alu(Width.W32, AluOp.SMOD, Reg.R1, new Imm(-3)), "94 01 01 00 fd ff ff ff"),
                golden("neg32 r5", new Neg(Width.W32, Reg.R5), "84 05 00 00 00 00 00 00"),
                golden("movsx64 r1, r2 from 8", new MovSx(Width.W64, Reg.R1, Reg.R2, 8), "bf 21 08 00 00 00 00 00"),
                golden("movsx32 r3, r4 from 16", new MovSx(Width.W32, Reg.R3, Reg.R4, 16), "bc 43 10 00 00 00 00 00"),
                golden("le64 r1", new ByteSwap(SwapKind.TO_LE, 64, Reg.R1), "d4 01 00 00 40 00 00 00"),
                golden("be32 r1", new ByteSwap(SwapKind.TO_BE, 32, Reg.R1), "dc 01 00 00 20 00 00 00"),
                golden("bswap16 r3", new ByteSwap(SwapKind.SWAP, 16, Reg.R3), "d7 03 00 00 10 00 00 00"),
                golden("jeq32 r1, 0x11, +1", new Jump(Width.W32, JumpCondition.EQ, Reg.R1, new Imm(0x11), 1), "16 01 01 00 11 00 00 00"),
                golden("jslt r1, r2, -2", new Jump(Width.W64, JumpCondition.SLT, Reg.R1, Reg.R2, -2), "cd 21 fe ff 00 00 00 00"),
                golden("ja -1", new Goto(-1, false), "05 00 ff ff 00 00 00 00"),
                golden("gotol +0x12345", new Goto(0x12345, true), "06 00 00 00 45 23 01 00"),
                golden("ldxsb r2, [r3-2]", new Load(Size.B, true, Reg.R2, Reg.R3, -2), "91 32 fe ff 00 00 00 00"),
                golden("ldxdw r0, [r10-8]", new Load(Size.DW, false, Reg.R0, Reg.R10, -8), "79 a0 f8 ff 00 00 00 00"),
                golden("stw [r10-4], 0x7f", new Store(Size.W, Reg.R10, new Imm(0x7f), -4), "62 0a fc ff 7f 00 00 00"),
                golden("stxh [r1+2], r9", new Store(Size.H, Reg.R1, Reg.R9, 2), "6b 91 02 00 00 00 00 00"),
                golden("lock fetch add32 [r1+4], r2", new Atomic(Size.W, AtomicOp.ADD, true, Reg.R1, Reg.R2, 4), "c3 21 04 00 01 00 00 00"),
                golden("lock cmpxchg [r10-8], r1", new Atomic(Size.DW, AtomicOp.CMPXCHG, true, Reg.R10, Reg.R1, -8), "db 1a f8 ff f1 00 00 00"),
                golden("lock xchg32 [r2], r3", new Atomic(Size.W, AtomicOp.XCHG, true, Reg.R2, Reg.R3, 0), "c3 32 00 00 e1 00 00 00"),
                golden("lddw r0, 0x1122334455667788", LoadImm64.constant(Reg.R0, 0x1122334455667788L),
                        "18 00 00 00 88 77 66 55 00 00 00 00 44 33 22 11"),
                golden("lddw r1, map_fd 3", new LoadImm64(Reg.R1, Imm64Kind.MAP_FD, 3, 0), "18 11 00 00 03 00 00 00 00 00 00 00 00 00 00 00"),
                golden("lddw r2, map_value 5, 16", new LoadImm64(Reg.R2, Imm64Kind.MAP_VALUE, 5, 16),
                        "18 22 00 00 05 00 00 00 00 00 00 00 10 00 00 00"),
                golden("ldabsw 12", new PacketLoad(Size.W, false, Reg.R0, 12), "20 00 00 00 0c 00 00 00"),
                golden("ldindh r1, 4", new PacketLoad(Size.H, true, Reg.R1, 4), "48 10 00 00 04 00 00 00"),
                golden("call 5", new Call(5), "85 00 00 00 05 00 00 00"),
                golden("call local +3", new CallLocal(3), "85 10 00 00 03 00 00 00"),
                golden("call kfunc 0x1234, module 2", new CallKfunc(0x1234, 2), "85 20 02 00 34 12 00 00"),
                golden("callx r2", new CallRegister(Reg.R2), "8d 02 00 00 00 00 00 00"),
                golden("exit", new Exit(), "95 00 00 00 00 00 00 00"));
    }

    private static Arguments golden(String name, Instruction instruction, String hex) {
        return Arguments.of(named(name, instruction), hex);
    }

    @ParameterizedTest
    @MethodSource("golden")
    void encodesAsTheRfcTableSays(Instruction instruction, String hex) {
        assertThat(HEX.formatHex(Program.of(instruction).encode())).isEqualTo(hex);
    }

    @ParameterizedTest
    @MethodSource("golden")
    void decodesTheRfcBytes(Instruction instruction, String hex) {
        assertThat(Program.decode(HEX.parseHex(hex)).instructions()).containsExactly(instruction);
    }

    @Test
    void wordsAreTheLittleEndianReadingOfTheBytes() {
        long[] words = InstructionEncoder.encode(LoadImm64.constant(Reg.R0, 0x1122334455667788L));
        assertThat(words).containsExactly(0x5566778800000018L, 0x1122334400000000L);
        assertThat(InstructionDecoder.decode(new long[] {0x5566778800000018L, 0x1122334400000000L, 0x95L}))
                .isEqualTo(Program.of(LoadImm64.constant(Reg.R0, 0x1122334455667788L), new Exit()));
    }
}
