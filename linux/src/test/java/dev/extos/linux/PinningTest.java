package dev.extos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.isa.elf.BpfObject;
import dev.extos.isa.elf.ElfLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PinningTest {
    private Path dir;

    @BeforeAll
    static void needsBpf() {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
    }

    @BeforeEach
    void pinDirectory() {
        dir = BpfFs.prepare(BpfFs.ROOT.resolve("extos-test-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    @AfterEach
    void removePins() {
        if (dir != null && Files.exists(dir)) {
            BpfFs.unpin(dir);
        }
    }

    private static long u64(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void pinnedObjectsOutliveTheirFdsAndOpenAgainByPathAndId() throws Exception {
        BpfObject object = ElfLoader.load(Fixtures.object("array_counter"));
        int programId;
        int mapId;
        Map<String, Path> pins;
        try (KernelObject kernel = KernelObject.load(object)) {
            pins = kernel.pin(dir);
            programId = kernel.program("count_packets").id();
            mapId = kernel.map("counters").orElseThrow().id();
        }
        assertThat(pins).containsEntry("count_packets", dir.resolve("count_packets"))
                .containsEntry("counters", dir.resolve("maps/counters"));
        assertThat(BpfFs.pins(dir)).containsExactly(dir.resolve("count_packets"), dir.resolve("maps/counters"));
        assertThat(KernelIds.programs()).contains(programId);
        assertThat(KernelIds.maps()).contains(mapId);

        try (KernelHandle program = BpfFs.open(dir.resolve("count_packets"));
             KernelHandle map = BpfFs.open(dir.resolve("maps/counters"))) {
            assertThat(program).isInstanceOf(LoadedProgram.class);
            assertThat(program.id()).isEqualTo(programId);
            assertThat(map).isInstanceOfSatisfying(KernelMap.class, m -> assertThat(m.name()).isEqualTo("counters"));
            Bpf.testRun((LoadedProgram) program, new byte[64], 3);
            // the run counted in the pinned map, which a fresh fd from the id sees
            try (KernelMap byId = KernelIds.map(mapId).orElseThrow()) {
                assertThat(u64(byId.lookup(new byte[4]).orElseThrow())).isEqualTo(3);
            }
        }
    }

    @Test
    void unpinnedObjectsAreFreedOnceTheLastFdCloses() throws Exception {
        BpfObject object = ElfLoader.load(Fixtures.object("array_counter"));
        int programId;
        try (KernelObject kernel = KernelObject.load(object)) {
            kernel.pin(dir);
            programId = kernel.program("count_packets").id();
        }
        LoadedProgram held = KernelIds.program(programId).orElseThrow();
        BpfFs.unpin(dir);
        assertThat(dir).doesNotExist();
        assertThat(KernelIds.programs()).contains(programId); // our fd still holds it
        held.close();
        assertThat(waitUntilGone(programId)).as("program " + programId + " freed").isTrue();
    }

    /** The kernel frees a program after an RCU grace period, so it may linger for a moment. */
    static boolean waitUntilGone(int programId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (!KernelIds.programs().contains(programId)) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    @Test
    void aLoadPinOpenCloseCycleLeavesNoFdOpen() throws Exception {
        BpfObject object = ElfLoader.load(Fixtures.object("array_counter"));
        cycle(object, dir.resolve("warm-up")); // class loading and the like open files once
        long before = KernelMapTest.openFds();
        for (int i = 0; i < 5; i++) {
            cycle(object, dir.resolve("round" + i));
        }
        assertThat(KernelMapTest.openFds()).isEqualTo(before);
    }

    private static void cycle(BpfObject object, Path at) throws Exception {
        try (KernelObject kernel = KernelObject.load(object)) {
            kernel.pin(at);
            int id = kernel.program("count_packets").id();
            try (KernelHandle pinned = BpfFs.open(at.resolve("count_packets"));
                 LoadedProgram byId = KernelIds.program(id).orElseThrow();
                 KernelHandle map = BpfFs.open(at.resolve("maps/counters"))) {
                assertThat(pinned.id()).isEqualTo(byId.id());
                assertThat(map.id()).isPositive();
            }
        }
        BpfFs.unpin(at);
    }

    @Test
    void aFailedPinRemovesThePinsAlreadyMade() throws Exception {
        BpfObject object = ElfLoader.load(Fixtures.object("array_counter"));
        try (KernelObject first = KernelObject.load(object); KernelObject second = KernelObject.load(object)) {
            BpfFs.pin(first.map("counters").orElseThrow(), dir.resolve("maps/counters"));
            assertThatThrownBy(() -> second.pin(dir)).hasMessageContaining("pinned there already");
            assertThat(BpfFs.pins(dir)).containsExactly(dir.resolve("maps/counters")); // the program's pin is gone again
        }
    }

    @Test
    void pinningErrorsSayWhatIsWrong() throws Exception {
        try (KernelObject kernel = KernelObject.load(ElfLoader.load(Fixtures.object("array_counter")))) {
            LoadedProgram p = kernel.program("count_packets");
            BpfFs.pin(p, dir.resolve("here"));
            assertThatThrownBy(() -> BpfFs.pin(p, dir.resolve("here"))).isInstanceOf(KernelObjectException.class)
                    .hasMessageContaining("pinned there already");
            assertThatThrownBy(() -> BpfFs.pin(p, dir.resolve("a.b"))).hasMessageContaining("'.'");
            assertThatThrownBy(() -> BpfFs.pin(p, Path.of(System.getProperty("java.io.tmpdir"), "x")))
                    .hasMessageContaining("not on a bpf file system");
            assertThatThrownBy(() -> BpfFs.open(dir.resolve("missing"))).hasMessageContaining("nothing is pinned at");
            assertThat(KernelIds.program(Integer.MAX_VALUE)).isEmpty();
        }
    }
}
