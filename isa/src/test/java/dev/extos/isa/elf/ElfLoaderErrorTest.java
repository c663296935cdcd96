package dev.extos.isa.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.Arrays;
import org.assertj.core.api.ObjectAssert;
import org.junit.jupiter.api.Test;

/** Each kind of bad object is refused with an ElfFormatException naming the file, the section and the offset. */
class ElfLoaderErrorTest {

    private static ObjectAssert<ElfFormatException> refused(byte[] bytes) {
        return assertThatThrownBy(() -> ElfLoader.load("bad.o", bytes))
                .asInstanceOf(type(ElfFormatException.class))
                .satisfies(e -> {
                    assertThat(e.file()).isEqualTo("bad.o");
                    assertThat(e.getMessage()).startsWith("bad.o: section " + e.section() + ", offset 0x"
                            + Long.toHexString(e.offset()) + ": ");
                });
    }

    private static ElfImage image(String fixture) {
        return new ElfImage(Fixtures.bytes(fixture));
    }

    @Test
    void emptyAndTooShortFiles() {
        refused(new byte[0]).satisfies(e -> {
            assertThat(e.section()).isEqualTo("ELF header");
            assertThat(e.reason()).contains("too short");
        });
        refused(Arrays.copyOf(Fixtures.bytes("hash_filter"), 63)).extracting(ElfFormatException::reason)
                .asString().contains("63 bytes");
    }

    @Test
    void truncatedFileLosesItsSectionHeaders() {
        byte[] all = Fixtures.bytes("hash_filter");
        refused(Arrays.copyOf(all, all.length / 2)).satisfies(e -> {
            assertThat(e.section()).isEqualTo("ELF header");
            assertThat(e.offset()).isEqualTo(0x28);
            assertThat(e.reason()).contains("past the end");
        });
    }

    @Test
    void notElfAtAll() {
        refused(image("hash_filter").put8(1, 'X').bytes).extracting(ElfFormatException::reason).asString().contains("not an ELF");
    }

    @Test
    void elf32IsRefused() {
        refused(image("hash_filter").put8(4, 1).bytes).satisfies(e -> {
            assertThat(e.offset()).isEqualTo(4);
            assertThat(e.reason()).contains("ELF32");
        });
    }

    @Test
    void bigEndianIsRefused() {
        refused(image("hash_filter").put8(5, 2).bytes).satisfies(e -> {
            assertThat(e.offset()).isEqualTo(5);
            assertThat(e.reason()).contains("big-endian");
        });
    }

    @Test
    void wrongMachineIsRefused() {
        refused(image("hash_filter").put16(18, 62).bytes).satisfies(e -> {
            assertThat(e.offset()).isEqualTo(18);
            assertThat(e.reason()).contains("machine 62 is not BPF");
        });
    }

    @Test
    void executablesAreRefused() {
        refused(image("hash_filter").put16(16, 2).bytes).extracting(ElfFormatException::reason).asString()
                .contains("not a relocatable object");
    }

    @Test
    void sectionContentsOutOfRange() {
        ElfImage img = image("hash_filter");
        int btf = img.section(".BTF");
        refused(img.put64(img.header(btf) + 0x18, 1L << 40).bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo("section headers");
            assertThat(e.offset()).isEqualTo(btf * 64L + 0x18);
            assertThat(e.reason()).contains(".BTF");
        });
    }

    @Test
    void unknownRelocationType() {
        ElfImage img = image("hash_filter");
        int rel = img.offset(".relextos/read");
        long patched = img.u32(rel + 8) & 0xffffffffL;
        refused(img.put32(rel + 8, 7).bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo("extos/read");
            assertThat(e.offset()).isEqualTo(img.u32(rel));
            assertThat(e.reason()).contains("unknown relocation type 7");
        });
        assertThat(patched).isEqualTo(1);
    }

    @Test
    void relocationAgainstAMissingSymbol() {
        ElfImage img = image("hash_filter");
        int rel = img.offset(".relextos/read");
        refused(img.put32(rel + 12, 9999).bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo(".relextos/read");
            assertThat(e.offset()).isEqualTo(8);
            assertThat(e.reason()).contains("symbol 9999");
        });
    }

    @Test
    void relocationOutsideItsSection() {
        ElfImage img = image("hash_filter");
        int rel = img.offset(".relextos/read");
        refused(img.put64(rel, 0x10000).bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo(".relextos/read");
            assertThat(e.reason()).contains("outside extos/read");
        });
    }

    @Test
    void relocationOfAnInstructionThatTakesNone() {
        ElfImage img = image("hash_filter");
        refused(img.put64(img.offset(".relextos/read"), 0).bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo("extos/read");
            assertThat(e.offset()).isZero();
            assertThat(e.reason()).contains("neither an lddw nor a bpf-to-bpf call");
        });
    }

    @Test
    void lddwOfAnUndefinedSymbol() {
        ElfImage img = image("hash_filter");
        refused(img.put16(img.symbol("allowed") + 6, 0).bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo("extos/read");
            assertThat(e.reason()).contains("'allowed'").contains("not defined in this object");
        });
    }

    @Test
    void callIntoNoFunction() {
        ElfImage img = image("multi_function");
        int call = img.offset("extos/read") + 5 * 8;
        assertThat(img.bytes[call] & 0xff).isEqualTo(0x85);
        refused(img.put32(call + 4, 5000).bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo("extos/read");
            assertThat(e.offset()).isEqualTo(40);
            assertThat(e.reason()).contains("inside no function");
        });
    }

    @Test
    void invalidInstructionNamesItsSectionAndOffset() {
        ElfImage img = image("xdp_parser");
        int third = img.offset("xdp") + 2 * 8;
        refused(img.put8(third, 0xff).bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo("xdp");
            assertThat(e.offset()).isEqualTo(16);
            assertThat(e.reason()).contains("drop_dns").contains("unknown opcode 0xff");
        });
    }

    @Test
    void unknownMapType() {
        ElfImage img = image("legacy_maps");
        int def = img.offset("maps") + img.u32(img.symbol("seen_sources") + 8);
        refused(img.put32(def, 99).bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo("maps");
            assertThat(e.offset()).isEqualTo(20);
            assertThat(e.reason()).contains("seen_sources").contains("type 99").contains("does not support");
        });
    }

    @Test
    void zeroMaxEntries() {
        ElfImage img = image("legacy_maps");
        refused(img.put32(img.offset("maps") + 12, 0).bytes).extracting(ElfFormatException::reason).asString()
                .contains("packet_count").contains("max_entries 0");
    }

    @Test
    void btfGarbage() {
        ElfImage img = image("hash_filter");
        refused(img.put16(img.offset(".BTF"), 0x1234).bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo(".BTF");
            assertThat(e.offset()).isZero();
            assertThat(e.reason()).contains("magic");
        });
    }

    @Test
    void btfTypeSectionLongerThanTheSection() {
        ElfImage img = image("hash_filter");
        int btf = img.offset(".BTF");
        refused(img.put32(btf + 12, 0x7fff_0000).bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo(".BTF");
            assertThat(e.reason()).contains("does not fit");
        });
    }

    @Test
    void btfLineInfoWithoutBtf() {
        ElfImage img = image("xdp_parser");
        int btf = img.section(".BTF");
        // an empty name hides the section
        refused(img.put32(img.header(btf), 0).bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo(".BTF.ext");
            assertThat(e.reason()).contains("no");
        });
    }

    @Test
    void btfMapsWithoutBtf() {
        ElfImage img = image("ringbuf");
        int btf = img.section(".BTF");
        img.put32(img.header(img.section(".BTF.ext")), 0);
        img.put32(img.header(btf), 0);
        refused(img.bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo(".maps");
            assertThat(e.reason()).contains("no .BTF");
        });
    }

    @Test
    void codeSectionNotAWholeNumberOfInstructions() {
        ElfImage img = image("xdp_parser");
        int xdp = img.section("xdp");
        refused(img.put64(img.header(xdp) + 0x20, img.size("xdp") - 3).bytes).satisfies(e -> {
            assertThat(e.section()).isEqualTo("xdp");
            assertThat(e.reason()).contains("whole number");
        });
    }

    @Test
    void missingFileIsAnExtosExceptionNamingIt() {
        assertThatThrownBy(() -> ElfLoader.load(Fixtures.directory().resolve("no_such.o")))
                .isInstanceOf(dev.extos.isa.ExtosException.class).hasMessageContaining("no_such.o");
    }
}
