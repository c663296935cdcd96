package dev.extos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.isa.elf.BpfObject;
import dev.extos.isa.elf.BpfProgram;
import dev.extos.isa.elf.ElfLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KernelBtfTest {

    @BeforeAll
    static void needsBpf() {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
    }

    @Test
    void mapsAndProgramsCarryTheObjectsBtf() throws Exception {
        BpfObject object = ElfLoader.load(Fixtures.object("array_counter"));
        assertThat(object.btf()).isPresent();
        try (KernelObject kernel = KernelObject.load(object)) {
            assertThat(kernel.notes()).isEmpty();
            ProgramInfo program = kernel.program("count_packets").info();
            MapInfo map = kernel.map("counters").orElseThrow().info();
            assertThat(program.btfId()).isPositive();
            assertThat(program.lineInfoCount()).isPositive();
            assertThat(map.btfId()).isEqualTo(program.btfId());
            assertThat(map.btfKeyTypeId()).isPositive();
            assertThat(map.btfValueTypeId()).isPositive();
            assertThat(program.mapIds()).containsExactly(map.id());
        }
    }

    /** {@code object} with its ExtOS read filters relabelled XDP, which the kernel loads: same context offsets for data and data_end. */
    private static BpfObject asXdp(BpfObject object) {
        return object.withPrograms(object.programs().stream()
                .map(p -> new BpfProgram(p.name(), "xdp", p.program(), p.lines())).toList());
    }

    @Test
    void globalDataMapsAreTypedByTheirDatasec() throws Exception {
        BpfObject object = asXdp(ElfLoader.load(Fixtures.object("globals")));
        try (KernelObject kernel = KernelObject.load(object)) {
            assertThat(kernel.notes()).isEmpty();
            for (KernelMap m : kernel.maps()) {
                assertThat(m.info().btfValueTypeId()).as(m.name()).isPositive();
            }
        }
    }

    @Test
    void subprogramsGetFunctionRecordsTheKernelAccepts() throws Exception {
        // keep_first_quarter calls two .text functions, reached by a relocation and by a section-relative call
        BpfObject object = asXdp(ElfLoader.load(Fixtures.object("global_function")));
        assertThat(object.btf().orElseThrow().programs().get("keep_first_quarter").functions()).hasSize(3);
        try (KernelObject kernel = KernelObject.load(object)) {
            assertThat(kernel.notes()).isEmpty();
            ProgramInfo info = kernel.program("keep_first_quarter").info();
            assertThat(info.btfId()).isPositive();
            assertThat(info.lineInfoCount()).isPositive();
        }
    }

    @Test
    void everyKindOfMapIsCreatedWithoutANote() throws Exception {
        BpfObject object = ElfLoader.load(Fixtures.object("map_types"));
        try (KernelObject kernel = KernelObject.load(object)) {
            assertThat(kernel.notes()).isEmpty();
            assertThat(kernel.map("flows").orElseThrow().info().btfKeyTypeId()).isPositive(); // a padded struct key
            assertThat(kernel.map("queue").orElseThrow().info().btfId()).isZero();           // no key: no types
        }
    }

    @Test
    void aRejectionQuotesTheCSourceLine() {
        BpfObject object = ElfLoader.load(Fixtures.object("unchecked_read"));
        KernelRejectedException e = catchThrowableOfType(KernelRejectedException.class, () -> KernelObject.load(object));
        assertThat(e.log()).contains("return data[0] == 0x45 ? XDP_DROP : XDP_PASS;").contains("unchecked_read.c:10");
    }

    @Test
    void withoutDebugInformationProgramsLoadWithoutBtf() throws Exception {
        BpfObject object = ElfLoader.load(Fixtures.object("xdp_parser_nodebug"));
        assertThat(object.btf()).isEmpty();
        try (KernelObject kernel = KernelObject.load(object)) {
            assertThat(kernel.program("drop_dns").info().btfId()).isZero();
        }
    }
}
