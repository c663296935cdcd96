package dev.extos.isa.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The BTF the loader prepares for the kernel: fixed-up data sections, map types, records in the linked layout. */
class ObjectBtfTest {

    private static Btf parse(ObjectBtf btf) {
        byte[] blob = btf.blob();
        return Btf.parse(new Bytes(blob, 0, blob.length, "test", ".BTF"));
    }

    @Test
    void dataSectionsGetTheirSizesAndVariableOffsets() {
        ElfFile elf = ElfFile.parse("globals.o", Fixtures.bytes("globals"));
        Btf original = Btf.parse(elf.section(".BTF").bytes());
        Btf fixed = parse(Fixtures.load("globals").btf().orElseThrow());
        for (String name : List.of(".data", ".bss", ".rodata")) {
            assertThat(original.datasec(name).sizeOrType()).as("clang leaves " + name + " at size 0").isZero();
            Btf.Type datasec = fixed.datasec(name);
            assertThat((long) datasec.sizeOrType()).as(name).isEqualTo(elf.section(name).size());
            List<Long> offsets = datasec.members().stream().map(Btf.Member::offset).toList();
            assertThat(offsets).as(name).isSorted().doesNotHaveDuplicates();
            for (Btf.Member m : datasec.members()) {
                String variable = fixed.type(m.type(), "test").name();
                long symbol = elf.symbols.stream().filter(s -> s.name().equals(variable)).findFirst().orElseThrow().value();
                assertThat(m.offset()).as(variable).isEqualTo(symbol);
            }
        }
        // .data: seen at 0, the static calls at 8 (README of the fixtures)
        assertThat(fixed.datasec(".data").members()).extracting(Btf.Member::offset).containsExactly(0L, 8L);
    }

    @Test
    void mapsCarryTheirKeyAndValueTypes() {
        BpfObject object = Fixtures.load("hash_filter");
        ObjectBtf btf = object.btf().orElseThrow();
        Btf types = parse(btf);
        ObjectBtf.MapTypes allowed = btf.maps().get("allowed");
        assertThat(types.sizeOf(allowed.keyTypeId(), "key")).isEqualTo(8);
        assertThat(types.sizeOf(allowed.valueTypeId(), "value")).isEqualTo(4);
    }

    @Test
    void globalMapsAreTypedByTheirDatasec() {
        ObjectBtf btf = Fixtures.load("globals").btf().orElseThrow();
        Btf types = parse(btf);
        for (String name : List.of(".data", ".bss", ".rodata")) {
            ObjectBtf.MapTypes t = btf.maps().get(name);
            assertThat(t.keyTypeId()).isZero();
            assertThat(types.type(t.valueTypeId(), name)).satisfies(d -> {
                assertThat(d.kind()).isEqualTo(Btf.DATASEC);
                assertThat(d.name()).isEqualTo(name);
            });
        }
    }

    @Test
    void functionAndLineRecordsFollowTheLinkedLayout() {
        BpfObject object = Fixtures.load("global_function");
        ObjectBtf btf = object.btf().orElseThrow();
        Btf types = parse(btf);
        ObjectBtf.ProgramRecords records = btf.programs().get("keep_first_quarter");
        // the entry and the two .text functions it calls, each once
        assertThat(records.functions()).hasSize(3);
        assertThat(records.functions().getFirst().slot()).isZero();
        assertThat(records.functions()).extracting(ObjectBtf.FunctionRecord::slot).isSorted().doesNotHaveDuplicates();
        assertThat(records.functions()).extracting(f -> types.type(f.typeId(), "func").name())
                .containsExactlyInAnyOrder("keep_first_quarter", "quarter", "half");
        assertThat(records.functions()).allSatisfy(f -> assertThat(types.type(f.typeId(), "func").kind()).isEqualTo(Btf.FUNC));
        // every function starts with a line record, and the records agree with the program's LineInfo
        List<Integer> lineSlots = records.lines().stream().map(ObjectBtf.LineRecord::slot).toList();
        assertThat(lineSlots).isSorted().doesNotHaveDuplicates();
        assertThat(lineSlots).containsAll(records.functions().stream().map(ObjectBtf.FunctionRecord::slot).toList());
        LineInfo lines = object.program("keep_first_quarter").orElseThrow().lines();
        for (ObjectBtf.LineRecord r : records.lines()) {
            assertThat(types.string(r.lineOffset())).isEqualTo(lines.records().get(r.slot()).text());
            assertThat(r.lineColumn() >>> 10).isEqualTo(lines.records().get(r.slot()).line());
        }
    }

    @Test
    void objectsWithoutDebugInformationHaveNoBtf() {
        assertThat(Fixtures.load("xdp_parser_nodebug").btf()).isEmpty();
    }
}
