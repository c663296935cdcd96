package dev.extos.isa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The decoder accepts exactly the RFC 9669 opcodes, rejects every malformed slot with its index and reason, and never fails otherwise. */
class InstructionDecoderTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    /** Every opcode RFC 9669 defines (plus the kernel's callx 0x8d), by class; derived from the RFC's opcode table. */
    private static final Set<Integer> VALID_OPCODES = Set.of(
            // LD: lddw, legacy ldabs{w,h,b}, ldind{w,h,b}
            0x18, 0x20, 0x28, 0x30, 0x40, 0x48, 0x50,
            // LDX: ldx{w,h,b,dw}, ldxs{w,h,b}
            0x61, 0x69, 0x71, 0x79, 0x81, 0x89, 0x91,
            // ST: st{w,h,b,dw}
            0x62, 0x6a, 0x72, 0x7a,
            // STX: stx{w,h,b,dw}, atomic w / dw
            0x63, 0x6b, 0x73, 0x7b, 0xc3, 0xdb,
            // ALU: add sub mul div/sdiv or and lsh rsh (K, X), neg, mod/smod xor mov/movsx arsh (K, X), le, be
            0x04, 0x0c, 0x14, 0x1c, 0x24, 0x2c, 0x34, 0x3c, 0x44, 0x4c, 0x54, 0x5c, 0x64, 0x6c, 0x74, 0x7c,
            0x84, 0x94, 0x9c, 0xa4, 0xac, 0xb4, 0xbc, 0xc4, 0xcc, 0xd4, 0xdc,
            // ALU64: the same, with neg64 and bswap (no big-endian form)
            0x07, 0x0f, 0x17, 0x1f, 0x27, 0x2f, 0x37, 0x3f, 0x47, 0x4f, 0x57, 0x5f, 0x67, 0x6f, 0x77, 0x7f,
            0x87, 0x97, 0x9f, 0xa7, 0xaf, 0xb7, 0xbf, 0xc7, 0xcf, 0xd7,
            // JMP: ja, jeq jgt jge jset jne jsgt jsge (K, X), call, callx, exit, jlt jle jslt jsle (K, X)
            0x05, 0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d, 0x55, 0x5d, 0x65, 0x6d, 0x75, 0x7d,
            0x85, 0x8d, 0x95, 0xa5, 0xad, 0xb5, 0xbd, 0xc5, 0xcd, 0xd5, 0xdd,
            // JMP32: gotol, and the conditional jumps; no call, no exit
            0x06, 0x16, 0x1e, 0x26, 0x2e, 0x36, 0x3e, 0x46, 0x4e, 0x56, 0x5e, 0x66, 0x6e, 0x76, 0x7e,
            0xa6, 0xae, 0xb6, 0xbe, 0xc6, 0xce, 0xd6, 0xde);

    /** Plausible values for each field: registers and call kinds, movsx widths, swap widths and atomic codes. */
    private static final int[] DSTS = {0, 1};
    private static final int[] SRCS = {0, 1, 2, 3};
    private static final int[] OFFSETS = {0, 1, 8, 16, 32};
    private static final int[] IMMS = {0, 1, 16, 32, 64, 0x41, 0xe1, 0xf1, -1};

    @Test
    void acceptsExactlyTheRfcOpcodesWithPlausibleFields() {
        Set<Integer> accepted = new TreeSet<>();
        for (int op = 0; op < 256; op++) {
            for (int dst : DSTS) {
                for (int src : SRCS) {
                    for (int offset : OFFSETS) {
                        for (int imm : IMMS) {
                            // A blank second slot completes an lddw; after any other instruction it is rejected as slot 1.
                            if (decodedSlots(concat(slot(op, dst, src, offset, imm), new byte[8])) > 0) {
                                accepted.add(op);
                            }
                        }
                    }
                }
            }
        }
        assertThat(VALID_OPCODES).hasSize(126);
        assertThat(hex(accepted)).isEqualTo(hex(new TreeSet<>(VALID_OPCODES)));
    }

    @Test
    void everyOpcodeWithZeroFieldsDecodesFaithfullyOrIsRejected() {
        int decoded = 0;
        for (int op = 0; op < 256; op++) {
            decoded += decodesOrRejectsCleanly(slot(op, 0, 0, 0, 0)) ? 1 : 0;
            decodesOrRejectsCleanly(concat(slot(op, 0, 0, 0, 0), new byte[8]));
        }
        // Everything valid except the opcodes that need a nonzero field (le/be/bswap widths) or a second slot (lddw).
        assertThat(decoded).isEqualTo(VALID_OPCODES.size() - 3 - 1);
    }

    @Test
    void randomBytesDecodeFaithfullyOrAreRejected() {
        SplittableRandom random = new SplittableRandom(0xF022L);
        Integer[] valid = VALID_OPCODES.toArray(Integer[]::new);
        int decoded = 0;
        for (int n = 0; n < 50_000; n++) {
            int length = random.nextBoolean() ? 8 * random.nextInt(1, 9) : random.nextInt(8, 65);
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            for (int at = 0; at + 8 <= bytes.length; at += 8) {
                if (random.nextInt(4) != 0) {
                    // Mostly plausible slots, so that decoding often gets past the first one.
                    int op = valid[random.nextInt(valid.length)];
                    int dst = random.nextInt(11);
                    int src = random.nextBoolean() ? 0 : random.nextInt(11);
                    int offset = random.nextBoolean() ? 0 : pick(random, OFFSETS);
                    int imm = random.nextBoolean() ? pick(random, IMMS) : random.nextInt();
                    System.arraycopy(slot(op, dst, src, offset, imm), 0, bytes, at, 8);
                }
            }
            decoded += decodesOrRejectsCleanly(bytes) ? 1 : 0;
        }
        assertThat(decoded).as("inputs that decoded").isGreaterThan(500);
    }

    private static int pick(SplittableRandom random, int[] values) {
        return values[random.nextInt(values.length)];
    }

    /** True if {@code bytes} decode to a program that encodes back to them; false if rejected; any other outcome fails. */
    private static boolean decodesOrRejectsCleanly(byte[] bytes) {
        return bytes.length % 8 == 0 && decodedSlots(bytes) == bytes.length / 8;
    }

    /**
     * How many slots decode before the first rejected one (all of them, if none is), checking that a decoded program
     * encodes back to {@code bytes} and that a rejection names its slot; any other exception fails.
     */
    private static int decodedSlots(byte[] bytes) {
        Program p;
        try {
            p = Program.decode(bytes);
        } catch (InvalidInstructionException e) {
            int from = e.index() * 8;
            boolean consistent = e.index() >= 0 && from < bytes.length
                    && Arrays.equals(e.bytes(), Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + 8)))
                    && e.getMessage().startsWith("instruction " + e.index() + " (") && e.getMessage().endsWith(e.reason());
            if (!consistent) {
                throw new AssertionError("rejection of " + HEX.formatHex(bytes) + " names the wrong slot: " + e.getMessage(), e);
            }
            return e.index();
        } catch (RuntimeException e) {
            throw new AssertionError("decoding " + HEX.formatHex(bytes) + " threw " + e, e);
        }
        if (!Arrays.equals(p.encode(), bytes)) {
            throw new AssertionError(HEX.formatHex(bytes) + " decoded to " + p.instructions() + ", which encodes as " + HEX.formatHex(p.encode()));
        }
        return p.slotCount();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ALU imm with a source register     | 04 10 00 00 01 00 00 00 | add32 with an immediate must have source register 0, found 1
            ALU reg with an immediate          | 0c 21 00 00 01 00 00 00 | add32 with a register must have immediate 0, found 1
            ALU with an offset                 | 04 01 01 00 00 00 00 00 | add32 with an immediate must have offset 0, found 1
            ALU64 imm with a source register   | 07 10 00 00 01 00 00 00 | add with an immediate must have source register 0, found 1
            ALU64 reg with an immediate        | af 21 00 00 01 00 00 00 | xor with a register must have immediate 0, found 1
            ALU64 with an offset               | 67 01 ff ff 00 00 00 00 | lsh with an immediate must have offset 0, found -1
            mov with an immediate and offset 8 | b7 01 08 00 00 00 00 00 | mov with an immediate must have offset 0, found 8
            neg with a source register         | 87 21 00 00 00 00 00 00 | neg with an immediate must have source register 0, found 2
            neg with an immediate              | 84 01 00 00 05 00 00 00 | neg32 with an immediate must have immediate 0, found 5
            byte swap with an offset           | d4 01 01 00 10 00 00 00 | byte swap must have offset 0, found 1
            byte swap of 8 bits                | dc 01 00 00 08 00 00 00 | byte swap width must be 16, 32 or 64, found 8
            movsx with an immediate            | bf 21 08 00 01 00 00 00 | movsx must have immediate 0, found 1
            JMP imm with a source register     | 15 11 00 00 00 00 00 00 | jeq with an immediate must have source register 0, found 1
            JMP reg with an immediate          | 1d 21 00 00 07 00 00 00 | jeq with a register must have immediate 0, found 7
            JMP32 imm with a source register   | 16 11 00 00 00 00 00 00 | jeq32 with an immediate must have source register 0, found 1
            JMP32 reg with an immediate        | de 21 00 00 07 00 00 00 | jsle32 with a register must have immediate 0, found 7
            ja with an immediate               | 05 00 01 00 01 00 00 00 | ja must have immediate 0, found 1
            ja with a destination register     | 05 01 00 00 00 00 00 00 | ja must have destination register 0, found 1
            gotol with an offset               | 06 00 01 00 01 00 00 00 | gotol must have offset 0, found 1
            exit with a destination register   | 95 01 00 00 00 00 00 00 | exit must have destination register 0, found 1
            exit with an immediate             | 95 00 00 00 01 00 00 00 | exit must have immediate 0, found 1
            call with a destination register   | 85 01 00 00 05 00 00 00 | call must have destination register 0, found 1
            call with an offset                | 85 00 01 00 05 00 00 00 | call must have offset 0, found 1
            local call with an offset          | 85 10 01 00 05 00 00 00 | a local call must have offset 0, found 1
            call of an unknown kind            | 85 30 00 00 05 00 00 00 | call must have source register 0 (helper), 1 (local) or 2 (kfunc), found 3
            callx with an immediate            | 8d 02 00 00 01 00 00 00 | callx must have immediate 0, found 1
            callx with a source register       | 8d 12 00 00 00 00 00 00 | callx must have source register 0, found 1
            ldabs with a source register       | 20 10 00 00 0c 00 00 00 | ldabs must have source register 0, found 1
            ldabs with a destination register  | 28 01 00 00 0c 00 00 00 | ldabs must have destination register 0, found 1
            ldind with an offset               | 40 10 01 00 0c 00 00 00 | ldind must have offset 0, found 1
            lddw with an offset                | 18 01 01 00 00 00 00 00 | lddw must have offset 0, found 1
            lddw of an unknown kind            | 18 71 00 00 00 00 00 00 | lddw source register 7 is not a known kind of 64-bit immediate (0 to 6)
            LDX with an immediate              | 61 21 00 00 01 00 00 00 | ldxw must have immediate 0, found 1
            LDX sign-extending, immediate      | 89 21 00 00 01 00 00 00 | ldxsh must have immediate 0, found 1
            ST with a source register          | 62 1a 00 00 01 00 00 00 | stw must have source register 0, found 1
            STX with an immediate              | 7b 1a 00 00 01 00 00 00 | stxdw must have immediate 0, found 1
            """)
    void rejectsNonzeroReservedFields(String name, String hex, String reason) {
        assertRejectedAfterPrefix(hex, reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            neg with a register source         | 8f 01 00 00 00 00 00 00 | unknown opcode 0x8f: neg has no register form
            neg32 with a register source       | 8c 01 00 00 00 00 00 00 | unknown opcode 0x8c: neg has no register form
            64-bit be                          | df 01 00 00 40 00 00 00 | unknown opcode 0xdf: the 64-bit byte swap has no big-endian form
            JMP32 call                         | 86 00 00 00 05 00 00 00 | unknown opcode 0x86: call exists only in the 64-bit jump class
            JMP32 exit                         | 96 00 00 00 00 00 00 00 | unknown opcode 0x96: exit is 0x95 only
            exit with the X bit                | 9d 00 00 00 00 00 00 00 | unknown opcode 0x9d: exit is 0x95 only
            ja with the X bit                  | 0d 00 01 00 00 00 00 00 | unknown opcode 0x0d: ja has no register form
            atomic with undefined code 0x02    | db 1a f8 ff 02 00 00 00 | atomic operation code 0x2 is not defined
            atomic sub (not defined)           | c3 1a f8 ff 10 00 00 00 | atomic operation code 0x10 is not defined
            atomic xchg without fetch          | c3 1a f8 ff e0 00 00 00 | atomic operation code 0xe0 is not defined
            atomic on a byte                   | d3 1a f8 ff 00 00 00 00 | unknown opcode 0xd3
            MEMSX with size DW                 | 99 21 00 00 00 00 00 00 | unknown opcode 0x99
            ldabsdw                            | 38 00 00 00 0c 00 00 00 | unknown opcode 0x38
            sdiv with offset 2                 | 3f 21 02 00 00 00 00 00 | div with a register must have offset 0 (unsigned) or 1 (signed), found 2
            smod32 with offset -1              | 94 01 ff ff 03 00 00 00 | mod32 with an immediate must have offset 0 (unsigned) or 1 (signed), found -1
            movsx32 from 32                    | bc 21 20 00 00 00 00 00 | movsx32 cannot sign-extend from 32 bits
            movsx64 from 24                    | bf 21 18 00 00 00 00 00 | movsx cannot sign-extend from 24 bits
            ALU op 0xe0                        | e7 01 00 00 00 00 00 00 | unknown opcode 0xe7
            jump op 0xf0                       | fd 21 00 00 00 00 00 00 | unknown opcode 0xfd
            ST in atomic mode                  | c2 1a 00 00 00 00 00 00 | unknown opcode 0xc2
            LD in memory mode                  | 60 01 00 00 00 00 00 00 | unknown opcode 0x60
            """)
    void rejectsUndefinedOpcodesAndVariants(String name, String hex, String reason) {
        assertRejectedAfterPrefix(hex, reason);
    }

    @ParameterizedTest(name = "r{0}")
    @ValueSource(ints = {11, 12, 13, 14, 15})
    void rejectsRegistersAboveR10(int r) {
        assertRejectedAfterPrefix(hex(slot(0xb7, r, 0, 0, 1)), "destination register r" + r + " does not exist (r0 to r10)");
        assertRejectedAfterPrefix(hex(slot(0xbf, 1, r, 0, 0)), "source register r" + r + " does not exist (r0 to r10)");
        assertRejectedAfterPrefix(hex(slot(0x79, r, 1, 0, 0)), "destination register r" + r + " does not exist (r0 to r10)");
        assertRejectedAfterPrefix(hex(slot(0x7b, 10, r, -8, 0)), "source register r" + r + " does not exist (r0 to r10)");
        assertRejectedAfterPrefix(hex(slot(0x8d, r, 0, 0, 0)), "destination register r" + r + " does not exist (r0 to r10)");
        assertRejectedAfterPrefix(hex(slot(0x18, r, 0, 0, 0)) + " 00 00 00 00 00 00 00 00",
                "destination register r" + r + " does not exist (r0 to r10)");
    }

    /** Three valid slots (lddw, then mov) before the bad one, to check that the index counts slots. */
    private static final String PREFIX = "18 01 00 00 01 00 00 00 00 00 00 00 02 00 00 00 b7 00 00 00 00 00 00 00";

    private static void assertRejectedAfterPrefix(String hex, String reason) {
        byte[] bad = HEX.parseHex(hex);
        InvalidInstructionException e = rejection(HEX.parseHex(PREFIX + " " + hex + " 95 00 00 00 00 00 00 00"));
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.index()).isEqualTo(3);
        assertThat(e.bytes()).isEqualTo(Arrays.copyOf(bad, 8));
        assertThat(e.getMessage()).isEqualTo("instruction 3 (" + HEX.formatHex(bad, 0, 8) + "): " + reason);
    }

    @Test
    void rejectsLddwWithoutItsSecondSlot() {
        InvalidInstructionException e = rejection(HEX.parseHex("b7 00 00 00 00 00 00 00 18 00 00 00 01 00 00 00"));
        assertThat(e.index()).isEqualTo(1);
        assertThat(e.reason()).isEqualTo("lddw is truncated: its second half is missing at the end of the program");
        assertThat(e.bytes()).isEqualTo(HEX.parseHex("18 00 00 00 01 00 00 00"));
    }

    @ParameterizedTest(name = "second slot {0}")
    @ValueSource(strings = {"95 00 00 00 00 00 00 00", "00 01 00 00 00 00 00 00", "00 10 00 00 00 00 00 00", "00 00 01 00 00 00 00 00"})
    void rejectsLddwWhoseSecondSlotIsNotBlank(String second) {
        InvalidInstructionException e = rejection(HEX.parseHex("95 00 00 00 00 00 00 00 18 00 00 00 01 00 00 00 " + second));
        assertThat(e.index()).isEqualTo(2);
        assertThat(e.bytes()).isEqualTo(HEX.parseHex(second));
        assertThat(e.reason()).isEqualTo("the second half of the lddw at 1 must have opcode, registers and offset 0");
    }

    @Test
    void rejectsALengthThatIsNotAMultipleOfEight() {
        InvalidInstructionException e = rejection(HEX.parseHex("95 00 00 00 00 00 00 00 b7 00 00 00"));
        assertThat(e.index()).isEqualTo(1);
        assertThat(e.bytes()).isEqualTo(HEX.parseHex("b7 00 00 00"));
        assertThat(e.reason()).isEqualTo("truncated: 12 bytes is not a whole number of 8-byte instructions");
    }

    @Test
    void rejectsAnEmptyProgram() {
        Throwable t = catchThrowable(() -> Program.decode(new byte[0]));
        assertThat(t).isExactlyInstanceOf(ExtosException.class).hasMessageContaining("empty");
    }

    @Test
    void acceptsTheSecondSlotOfLddwWithAnyImmediateOnly() {
        Program p = Program.decode(HEX.parseHex("18 00 00 00 ff ff ff ff 00 00 00 00 ff ff ff ff 95 00 00 00 00 00 00 00"));
        assertThat(p.instructions()).containsExactly(Instruction.LoadImm64.constant(Reg.R0, -1L), new Instruction.Exit());
        assertThat(p.slotCount()).isEqualTo(3);
        assertThatThrownBy(() -> Program.decode(HEX.parseHex("18 00 00 00 ff ff ff ff 00 00 00 00 ff ff ff ff 95")))
                .isInstanceOf(InvalidInstructionException.class);
    }

    private static InvalidInstructionException rejection(byte[] bytes) {
        Throwable t = catchThrowable(() -> Program.decode(bytes));
        assertThat(t).as("decoding %s", HEX.formatHex(bytes)).isInstanceOf(InvalidInstructionException.class);
        return (InvalidInstructionException) t;
    }

    private static byte[] slot(int opcode, int dst, int src, int offset, int imm) {
        return new byte[] {(byte) opcode, (byte) (dst | src << 4), (byte) offset, (byte) (offset >> 8),
                (byte) imm, (byte) (imm >> 8), (byte) (imm >> 16), (byte) (imm >> 24)};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static String hex(Set<Integer> opcodes) {
        return String.join(" ", IntStream.range(0, 256).filter(opcodes::contains).mapToObj(i -> String.format("%02x", i)).toList());
    }
}
