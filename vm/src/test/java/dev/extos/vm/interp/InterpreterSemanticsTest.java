package dev.extos.vm.interp;

import static dev.extos.vm.interp.Run.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Corners of RFC 9669 arithmetic and control flow beyond what the conformance suite pins down. */
class InterpreterSemanticsTest {

    @Test
    void signedDivisionOfTheMostNegativeValueByMinusOneWraps() {
        assertThat(run("lddw %r0, 0x8000000000000000\nsdiv %r0, -1\nexit")).isEqualTo(Long.MIN_VALUE);
        assertThat(run("lddw %r0, 0x8000000000000000\nsmod %r0, -1\nexit")).isZero();
        assertThat(run("mov32 %r0, 0x80000000\nsdiv32 %r0, -1\nexit")).isEqualTo(0x80000000L);
    }

    @Test
    void moduloByZeroKeepsTheDividendAndTheThirtyTwoBitFormZeroExtendsIt() {
        assertThat(run("lddw %r0, 0xffffffff00000007\nmov %r1, 0\nmod %r0, %r1\nexit")).isEqualTo(0xffffffff00000007L);
        assertThat(run("lddw %r0, 0xffffffff00000007\nmov %r1, 0\nmod32 %r0, %r1\nexit")).isEqualTo(7);
        assertThat(run("lddw %r0, 0xffffffff00000007\nmov %r1, 0\nsmod32 %r0, %r1\nexit")).isEqualTo(7);
        assertThat(run("mov %r0, 7\nmov %r1, 0\ndiv %r0, %r1\nexit")).isZero();
    }

    @Test
    void signedModuloTakesTheSignOfTheDividend() {
        assertThat(run("mov %r0, -7\nsmod %r0, 3\nexit")).isEqualTo(-1);
        assertThat(run("mov %r0, 7\nsmod %r0, -3\nexit")).isEqualTo(1);
    }

    @Test
    void shiftAmountsAreMaskedToTheOperandWidth() {
        assertThat(run("mov %r0, 1\nmov %r1, 65\nlsh %r0, %r1\nexit")).isEqualTo(2);
        assertThat(run("mov %r0, 1\nmov %r1, 33\nlsh32 %r0, %r1\nexit")).isEqualTo(2);
        assertThat(run("mov32 %r0, 0x80000000\nmov %r1, 63\narsh32 %r0, %r1\nexit")).isEqualTo(0xffffffffL);
    }

    @Test
    void thirtyTwoBitJumpsCompareOnlyTheLowHalves() {
        String asm = """
                lddw %r1, 0x1234567800000005
                mov %r0, 0
                jeq32 %r1, 5, +1
                exit
                mov %r0, 1
                exit
                """;
        assertThat(run(asm)).isEqualTo(1);
        assertThat(run("lddw %r1, 0x00000001ffffffff\nmov %r0, 0\njslt32 %r1, 0, +1\nexit\nmov %r0, 1\nexit")).isEqualTo(1);
    }

    @Test
    void signExtendingMovesAndLoads() {
        assertThat(run("mov %r1, 0x80\nmovsx832 %r0, %r1\nexit")).isEqualTo(0xffffff80L);
        assertThat(run("mov %r1, 0x8000\nmovsx1664 %r0, %r1\nexit")).isEqualTo(-32768);
        assertThat(run("ldxsh %r0, [%r1+0]\nexit", (byte) 0x00, (byte) 0x80)).isEqualTo(-32768);
        assertThat(run("ldxsw %r0, [%r1+0]\nexit", (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff)).isEqualTo(-1);
    }

    @Test
    void byteSwapsZeroExtendAndLittleEndianConversionTruncates() {
        assertThat(run("lddw %r0, 0x1122334455667788\nbe32 %r0\nexit")).isEqualTo(0x88776655L);
        assertThat(run("lddw %r0, 0x1122334455667788\nle16 %r0\nexit")).isEqualTo(0x7788L);
        assertThat(run("lddw %r0, 0x1122334455667788\nswap64 %r0\nexit")).isEqualTo(0x8877665544332211L);
    }

    @Test
    void atomicsFetchTheOldValueIntoTheSourceRegister() {
        String asm = """
                stdw [%r10-8], 40
                mov %r1, 2
                lock fetch add [%r10-8], %r1
                ldxdw %r0, [%r10-8]
                lsh %r0, 8
                or %r0, %r1
                exit
                """;
        assertThat(run(asm)).isEqualTo((42L << 8) | 40);
    }

    @Test
    void storesReachTheCallersMemory() {
        byte[] memory = new byte[8];
        String asm = "stw [%r1+4], 0x01020304\nldxdw %r0, [%r1+0]\nexit";
        assertThat(run(asm, memory)).isEqualTo(0x0102030400000000L);
    }
}
