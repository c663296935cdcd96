package dev.extos.isa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.isa.Instruction.*;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The instruction records refuse field values that have no encoding. */
class InstructionRecordsTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("movsx32 from 32", (ThrowingCallable) () -> new MovSx(Width.W32, Reg.R1, Reg.R2, 32), "movsx from 32 bits"),
                Arguments.of("movsx64 from 64", (ThrowingCallable) () -> new MovSx(Width.W64, Reg.R1, Reg.R2, 64), "movsx from 64 bits"),
                Arguments.of("byte swap of 8 bits", (ThrowingCallable) () -> new ByteSwap(SwapKind.SWAP, 8, Reg.R1), "8 bits"),
                Arguments.of("jump offset 32768", (ThrowingCallable) () -> new Jump(Width.W64, JumpCondition.EQ, Reg.R1, Reg.R2, 32768),
                        "offset 32768 does not fit in 16 signed bits"),
                Arguments.of("ja offset -32769", (ThrowingCallable) () -> new Goto(-32769, false), "offset -32769"),
                Arguments.of("load offset 40000", (ThrowingCallable) () -> new Load(Size.W, false, Reg.R1, Reg.R2, 40000), "offset 40000"),
                Arguments.of("store offset -40000", (ThrowingCallable) () -> new Store(Size.W, Reg.R1, new Imm(0), -40000), "offset -40000"),
                Arguments.of("sign-extending dw load", (ThrowingCallable) () -> new Load(Size.DW, true, Reg.R1, Reg.R2, 0), "double word"),
                Arguments.of("atomic on a byte", (ThrowingCallable) () -> new Atomic(Size.B, AtomicOp.ADD, false, Reg.R1, Reg.R2, 0),
                        "words and double words only"),
                Arguments.of("atomic on a half word", (ThrowingCallable) () -> new Atomic(Size.H, AtomicOp.ADD, true, Reg.R1, Reg.R2, 0),
                        "words and double words only"),
                Arguments.of("xchg without fetch", (ThrowingCallable) () -> new Atomic(Size.W, AtomicOp.XCHG, false, Reg.R1, Reg.R2, 0),
                        "xchg always fetches"),
                Arguments.of("cmpxchg without fetch", (ThrowingCallable) () -> new Atomic(Size.DW, AtomicOp.CMPXCHG, false, Reg.R1, Reg.R2, 0),
                        "cmpxchg always fetches"),
                Arguments.of("atomic offset 32768", (ThrowingCallable) () -> new Atomic(Size.DW, AtomicOp.OR, false, Reg.R1, Reg.R2, 32768),
                        "offset 32768"),
                Arguments.of("packet load of a dw", (ThrowingCallable) () -> new PacketLoad(Size.DW, true, Reg.R1, 0), "double word"),
                Arguments.of("absolute packet load with a source", (ThrowingCallable) () -> new PacketLoad(Size.W, false, Reg.R1, 0),
                        "no source register"),
                Arguments.of("kfunc module 32768", (ThrowingCallable) () -> new CallKfunc(1, 32768), "offset 32768"),
                Arguments.of("register r11", (ThrowingCallable) () -> Reg.of(11), "no register r11"),
                Arguments.of("register r-1", (ThrowingCallable) () -> Reg.of(-1), "no register r-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesFieldsWithoutAnEncoding(String name, ThrowingCallable construct, String message) {
        assertThatThrownBy(construct).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void refusesNullFields() {
        assertThatThrownBy(() -> new Alu(Width.W64, AluOp.ADD, Reg.R0, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Jump(null, JumpCondition.EQ, Reg.R0, Reg.R1, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LoadImm64(Reg.R0, null, 0, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void acceptsTheBoundaryValues() {
        assertThat(new Goto(Integer.MIN_VALUE, true).offset()).isEqualTo(Integer.MIN_VALUE);
        assertThat(new Jump(Width.W32, JumpCondition.SET, Reg.R10, new Imm(0), -32768).offset()).isEqualTo(-32768);
        assertThat(new CallKfunc(Integer.MAX_VALUE, -32768).moduleIndex()).isEqualTo(-32768);
        assertThat(new MovSx(Width.W64, Reg.R0, Reg.R10, 32).fromBits()).isEqualTo(32);
    }

    @Test
    void lddwSplitsItsValueIntoTwoHalves() {
        LoadImm64 l = LoadImm64.constant(Reg.R3, 0x8000_0001_ffff_fffeL);
        assertThat(l.imm()).isEqualTo(0xffff_fffe);
        assertThat(l.nextImm()).isEqualTo(0x8000_0001);
        assertThat(l.value()).isEqualTo(0x8000_0001_ffff_fffeL);
        assertThat(l.slots()).isEqualTo(2);
        assertThat(new Exit().slots()).isEqualTo(1);
    }
}
