package dev.extos.isa.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.isa.ExtosException;
import dev.extos.isa.Imm64Kind;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.Call;
import dev.extos.isa.Instruction.CallLocal;
import dev.extos.isa.Instruction.LoadImm64;
import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each committed clang object loads with the maps, programs, relocations and line info its C source declares. */
class ElfLoaderFixturesTest {

    /** A pseudo lddw of a program, with the source line it came from. */
    record MapLoad(Imm64Kind kind, int map, int offset, String line) {
    }

    static List<MapLoad> mapLoads(BpfProgram p) {
        List<MapLoad> out = new ArrayList<>();
        for (int slot : p.program().startSlots()) {
            if (p.program().at(slot) instanceof LoadImm64 l && l.kind() != Imm64Kind.CONSTANT) {
                out.add(new MapLoad(l.kind(), l.imm(), l.nextImm(), p.lines().at(slot).orElseThrow().text()));
            }
        }
        return out;
    }

    static List<String> all() {
        return Fixtures.all();
    }

    private static BpfProgram only(BpfObject o) {
        assertThat(o.programs()).hasSize(1);
        return o.programs().getFirst();
    }

    @Test
    void fixturesAreAllThere() {
        assertThat(Fixtures.all()).contains("array_counter", "global_function", "globals", "hash_filter", "http_5xx", "legacy_maps",
                "map_types", "multi_function", "ringbuf", "string_literal", "tail_calls", "xdp_parser", "xdp_parser_nodebug");
    }

    @Test
    void hashFilterDeclaresItsHashMapAndLooksItUp() {
        BpfObject o = Fixtures.load("hash_filter");
        assertThat(o.license()).isEqualTo("GPL");
        assertThat(o.maps()).containsExactly(MapSpec.of("allowed", MapType.HASH, 8, 4, 1024));
        BpfProgram p = only(o);
        assertThat(p.name()).isEqualTo("keep_allowed");
        assertThat(p.section()).isEqualTo("extos/read");
        List<MapLoad> loads = mapLoads(p);
        assertThat(loads).hasSize(1);
        assertThat(loads.getFirst().kind()).isEqualTo(Imm64Kind.MAP_FD);
        assertThat(loads.getFirst().map()).isZero();
        assertThat(loads.getFirst().line()).contains("bpf_map_lookup_elem(&allowed");
        assertThat(helpers(p.program())).containsExactly(1);
    }

    @Test
    void arrayCounterHasTwoSlotsAndTwoLookups() {
        BpfObject o = Fixtures.load("array_counter");
        assertThat(o.maps()).containsExactly(MapSpec.of("counters", MapType.ARRAY, 4, 8, 2));
        BpfProgram p = only(o);
        assertThat(p.section()).isEqualTo("xdp");
        assertThat(mapLoads(p)).extracting(MapLoad::kind, MapLoad::map)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Imm64Kind.MAP_FD, 0),
                        org.assertj.core.groups.Tuple.tuple(Imm64Kind.MAP_FD, 0));
        assertThat(helpers(p.program())).containsExactly(1, 1);
    }

    @Test
    void globalsBecomeThreeArrayMapsWithTheirInitialData() {
        BpfObject o = Fixtures.load("globals");
        byte[] rodata = {10, 0, 0, 0, 'e', 'x', 't', 'o', 's', '!', '\n', 0};
        byte[] data = {7, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0};
        assertThat(o.maps()).containsExactly(MapSpec.global(".rodata", 12, rodata, true),
                MapSpec.global(".data", 16, data, false), MapSpec.global(".bss", 16, new byte[0], false));
        BpfProgram p = only(o);
        // calls is static: clang relocates against the .data section symbol and leaves its offset (8) in the lddw
        assertThat(mapLoads(p)).containsExactly(
                new MapLoad(Imm64Kind.MAP_VALUE, 1, 8, "    calls++;"),
                new MapLoad(Imm64Kind.MAP_VALUE, 1, 0, "    seen++;"),
                new MapLoad(Imm64Kind.MAP_VALUE, 2, 0, "    last_length = length;"),
                new MapLoad(Imm64Kind.MAP_VALUE, 0, 0, "    if (length < min_length)"),
                new MapLoad(Imm64Kind.MAP_VALUE, 2, 8, "    kept += banner[0];"));
    }

    @Test
    void ringBufferProducerReservesAndSubmits() {
        BpfObject o = Fixtures.load("ringbuf");
        assertThat(o.maps()).containsExactly(MapSpec.of("events", MapType.RINGBUF, 0, 0, 4096));
        BpfProgram p = only(o);
        assertThat(helpers(p.program())).containsExactly(131, 132);
        assertThat(mapLoads(p)).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(Imm64Kind.MAP_FD);
            assertThat(l.line()).contains("bpf_ringbuf_reserve(&events");
        });
    }

    @Test
    void tailCallsUseAProgramArrayAndThreeProgramsShareTheXdpSection() {
        BpfObject o = Fixtures.load("tail_calls");
        assertThat(o.maps()).containsExactly(MapSpec.of("jump_table", MapType.PROG_ARRAY, 4, 4, 4));
        assertThat(o.programsIn("xdp")).extracting(BpfProgram::name).containsExactly("dispatch", "drop_all", "pass_all");
        assertThat(o.sections()).containsExactly("xdp");
        ElfImage image = new ElfImage(Fixtures.bytes("tail_calls"));
        for (BpfProgram p : o.programs()) {
            assertThat(p.program().slotCount() * 8).isEqualTo(symbolSize(image, p.name()));
        }
        BpfProgram dispatch = o.program("dispatch").orElseThrow();
        assertThat(helpers(dispatch.program())).containsExactly(12);
        assertThat(mapLoads(dispatch)).singleElement().extracting(MapLoad::map).isEqualTo(0);
        assertThat(mapLoads(o.program("drop_all").orElseThrow())).isEmpty();
    }

    @Test
    void multiFunctionAppendsEachCalledSubprogramOnceAndFixesTheCalls() throws IOException {
        BpfObject o = Fixtures.load("multi_function");
        ElfImage image = new ElfImage(Fixtures.bytes("multi_function"));
        List<String> source = Files.readAllLines(Fixtures.directory().resolve("multi_function.c"));
        int scoreLine = lineOf(source, "__u32 score(");
        int weightLine = lineOf(source, "__u32 weight(");

        BpfProgram scored = o.program("scored").orElseThrow();
        assertThat(scored.section()).isEqualTo("extos/read");
        int entry = symbolSize(image, "scored") / 8;
        int score = symbolSize(image, "score") / 8;
        int weight = symbolSize(image, "weight") / 8;
        assertThat(scored.program().slotCount()).isEqualTo(entry + score + weight);
        assertThat(callTargets(scored.program())).containsExactly(entry, entry + score);
        assertThat(scored.lines().at(entry).orElseThrow().line()).isEqualTo(scoreLine);
        assertThat(scored.lines().at(entry + score).orElseThrow().line()).isEqualTo(weightLine);
        assertThat(scored.lines().at(entry + score).orElseThrow().text()).isEqualTo(source.get(weightLine - 1));
        assertThat(mapLoads(scored)).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(Imm64Kind.MAP_VALUE);
            assertThat(l.line()).contains("total += index");
        });

        BpfProgram weighed = o.program("weighed").orElseThrow();
        assertThat(weighed.section()).isEqualTo("extos/write");
        int weighedEntry = symbolSize(image, "weighed") / 8;
        assertThat(weighed.program().slotCount()).isEqualTo(weighedEntry + weight);
        assertThat(callTargets(weighed.program())).containsExactly(weighedEntry);
        assertThat(weighed.lines().at(weighedEntry).orElseThrow().line()).isEqualTo(weightLine);
        assertThat(o.maps()).containsExactly(MapSpec.global(".bss", 8, new byte[0], false));
    }

    @Test
    void callsThroughAFunctionSymbolAndThroughTheSectionSymbolLandOnTheSameCopy() throws IOException {
        BpfObject o = Fixtures.load("global_function");
        ElfImage image = new ElfImage(Fixtures.bytes("global_function"));
        List<String> source = Files.readAllLines(Fixtures.directory().resolve("global_function.c"));
        BpfProgram p = only(o);
        int entry = symbolSize(image, "keep_first_quarter") / 8;
        int quarter = symbolSize(image, "quarter") / 8;
        int half = symbolSize(image, "half") / 8;
        assertThat(p.program().slotCount()).isEqualTo(entry + quarter + half);
        assertThat(callTargets(p.program())).containsExactly(entry, entry + quarter, entry + quarter, entry + quarter);
        assertThat(p.lines().at(entry + quarter).orElseThrow().line())
                .isBetween(lineOf(source, "__u32 half("), lineOf(source, "return x / 2"));
        assertThat(p.lines().at(entry).orElseThrow().line())
                .isBetween(lineOf(source, "__u32 quarter("), lineOf(source, "return half(half(x))"));
    }

    @Test
    void aProgramIsSelectedByFunctionOrSectionName() {
        BpfObject tail = Fixtures.load("tail_calls");
        assertThat(tail.select("pass_all").name()).isEqualTo("pass_all");
        assertThatThrownBy(() -> tail.select("xdp")).isInstanceOf(ExtosException.class)
                .hasMessageContaining("section xdp holds 3 programs").hasMessageContaining("drop_all (SEC(\"xdp\"))");
        assertThatThrownBy(() -> tail.select(null)).hasMessageContaining("holds 3 programs");
        assertThatThrownBy(() -> tail.select("tc")).hasMessageContaining("no program or section named 'tc'");
        BpfObject multi = Fixtures.load("multi_function");
        assertThat(multi.select("extos/write").name()).isEqualTo("weighed");
        assertThat(multi.select("extos/read").name()).isEqualTo("scored");
        assertThat(Fixtures.load("xdp_parser").select(null).name()).isEqualTo("drop_dns");
        assertThat(multi.mapIndex(".bss")).isZero();
        assertThat(multi.mapIndex("nothing")).isEqualTo(-1);
    }

    @Test
    void xdpParserNeedsNoMaps() {
        BpfObject o = Fixtures.load("xdp_parser");
        assertThat(o.license()).isEqualTo("Dual BSD/GPL");
        assertThat(o.maps()).isEmpty();
        BpfProgram p = only(o);
        assertThat(p.name()).isEqualTo("drop_dns");
        assertThat(mapLoads(p)).isEmpty();
        assertThat(p.program().instructions()).last().isEqualTo(new Instruction.Exit());
    }

    @Test
    void mapSizesComeFromResolvedBtfTypesAndFlagsAreKept() {
        BpfObject o = Fixtures.load("map_types");
        assertThat(o.maps()).containsExactlyInAnyOrder(
                new MapSpec("flows", MapType.HASH, 18, 24, 512, 1, new byte[0], false),
                MapSpec.of("per_cpu_hash", MapType.PERCPU_HASH, 4, 8, 64),
                MapSpec.of("per_cpu_array", MapType.PERCPU_ARRAY, 4, 24, 8),
                MapSpec.of("recent", MapType.LRU_HASH, 8, 10, 128),
                MapSpec.of("queue", MapType.QUEUE, 0, 4, 32),
                MapSpec.of("stack", MapType.STACK, 0, 18, 16));
        ElfImage image = new ElfImage(Fixtures.bytes("map_types"));
        List<Long> offsets = o.maps().stream().map(m -> symbolValue(image, m.name())).toList();
        assertThat(offsets).isSorted();
        BpfProgram p = only(o);
        assertThat(mapLoads(p)).singleElement().satisfies(l -> {
            assertThat(o.maps().get(l.map()).name()).isEqualTo("queue");
            assertThat(l.line()).contains("&queue");
        });
        assertThat(helpers(p.program())).containsExactly(87);
    }

    @Test
    void withoutDebugInformationTheCodeIsTheSameAndThereAreNoLines() {
        BpfProgram plain = only(Fixtures.load("xdp_parser_nodebug"));
        BpfProgram debug = only(Fixtures.load("xdp_parser"));
        assertThat(plain.program()).isEqualTo(debug.program());
        assertThat(plain.lines().isEmpty()).isTrue();
        assertThat(debug.lines().isEmpty()).isFalse();
    }

    @Test
    void httpStatusFiltersScanTheRecordOrUseExtosHelpers() {
        BpfObject o = Fixtures.load("http_5xx");
        assertThat(o.maps()).isEmpty();
        assertThat(o.programsIn("extos/read")).extracting(BpfProgram::name).containsExactly("keep_5xx", "keep_5xx_helpers");
        assertThat(helpers(o.program("keep_5xx").orElseThrow().program())).isEmpty();
        assertThat(helpers(o.program("keep_5xx_helpers").orElseThrow().program())).containsExactly(1000, 1000, 1003);
    }

    @Test
    void legacyMapsSectionIsRead() {
        BpfObject o = Fixtures.load("legacy_maps");
        assertThat(o.maps()).containsExactly(MapSpec.of("packet_count", MapType.ARRAY, 4, 8, 1),
                MapSpec.of("seen_sources", MapType.LRU_HASH, 4, 8, 256));
        BpfProgram p = only(o);
        List<MapLoad> loads = mapLoads(p);
        assertThat(loads).extracting(MapLoad::map).containsExactly(0, 1);
        assertThat(loads.get(0).line()).contains("&packet_count");
        assertThat(loads.get(1).line()).contains("&seen_sources");
        assertThat(helpers(p.program())).containsExactly(1, 2);
    }

    @Test
    void stringLiteralsAreReadOnlyGlobalData() {
        BpfObject o = Fixtures.load("string_literal");
        assertThat(o.maps()).containsExactly(MapSpec.global(".rodata.str1.1", 6, "ERROR\0".getBytes(), true));
        assertThat(mapLoads(only(o))).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(Imm64Kind.MAP_VALUE);
            assertThat(l.map()).isZero();
            assertThat(l.offset()).isZero();
            assertThat(l.line()).contains("\"ERROR\"");
        });
    }

    @ParameterizedTest
    @MethodSource("all")
    void entryCodeIsTheSectionsBytesExceptWhereRelocated(String name) {
        BpfObject o = Fixtures.load(name);
        ElfImage image = new ElfImage(Fixtures.bytes(name));
        for (BpfProgram p : o.programs()) {
            int start = image.offset(p.section()) + (int) symbolValue(image, p.name());
            int slots = symbolSize(image, p.name()) / 8;
            byte[] linked = p.program().encode();
            Program prog = p.program();
            for (int slot = 0; slot < slots; slot++) {
                Instruction i = prog.at(slot);
                boolean relocated = i instanceof CallLocal || (i instanceof LoadImm64 l && l.kind() != Imm64Kind.CONSTANT)
                        || (i == null && prog.at(slot - 1) instanceof LoadImm64 l2 && l2.kind() != Imm64Kind.CONSTANT);
                if (!relocated) {
                    assertThat(Arrays.copyOfRange(linked, slot * 8, slot * 8 + 8))
                            .as("%s slot %d", p.name(), slot)
                            .isEqualTo(Arrays.copyOfRange(image.bytes, start + slot * 8, start + slot * 8 + 8));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void everyMapLoadIndexesAMapOfTheRightKindAndEveryInstructionHasALine(String name) {
        if (name.endsWith("_nodebug")) {
            return;
        }
        BpfObject o = Fixtures.load(name);
        assertThat(o.license()).isNotEmpty();
        assertThat(o.programs()).isNotEmpty();
        for (BpfProgram p : o.programs()) {
            for (int slot : p.program().startSlots()) {
                assertThat(p.lines().at(slot)).as("%s slot %d", p.name(), slot).get()
                        .satisfies(l -> assertThat(l.file()).endsWith(name + ".c"));
                if (p.program().at(slot) instanceof LoadImm64 l && l.kind() != Imm64Kind.CONSTANT) {
                    MapSpec map = o.maps().get(l.imm());
                    boolean global = map.name().startsWith(".");
                    assertThat(global).isEqualTo(l.kind() == Imm64Kind.MAP_VALUE);
                    assertThat(l.nextImm()).isBetween(0, map.valueSize() - 1 + (global ? 0 : 1));
                    assertThat(l.dst()).isNotEqualTo(Reg.R10);
                }
            }
        }
    }

    @Test
    void lineInfoQuotesTheCSourceLine() throws IOException {
        BpfProgram p = Fixtures.load("http_5xx").program("keep_5xx").orElseThrow();
        List<String> source = Files.readAllLines(Fixtures.directory().resolve("http_5xx.c"));
        for (int slot : p.program().startSlots()) {
            SourceLine line = p.lines().at(slot).orElseThrow();
            assertThat(line.text()).isEqualTo(source.get(line.line() - 1));
        }
        assertThat(p.lines().records().values()).extracting(SourceLine::text)
                .anyMatch(t -> t.contains("if (*p != '\"')"));
    }

    private static List<Integer> helpers(Program p) {
        return p.instructions().stream().filter(i -> i instanceof Call).map(i -> ((Call) i).helper()).toList();
    }

    private static List<Integer> callTargets(Program p) {
        List<Integer> out = new ArrayList<>();
        for (int slot : p.startSlots()) {
            if (p.at(slot) instanceof CallLocal c) {
                out.add(slot + 1 + c.offset());
            }
        }
        return out;
    }

    private static int lineOf(List<String> source, String fragment) {
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).contains(fragment)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + fragment);
    }

    private static int symbolSize(ElfImage image, String symbol) {
        return (int) java.nio.ByteBuffer.wrap(image.bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(image.symbol(symbol) + 16);
    }

    private static long symbolValue(ElfImage image, String symbol) {
        return java.nio.ByteBuffer.wrap(image.bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(image.symbol(symbol) + 8);
    }
}
