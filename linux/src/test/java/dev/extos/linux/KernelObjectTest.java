package dev.extos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.isa.elf.BpfObject;
import dev.extos.isa.elf.BpfProgram;
import dev.extos.isa.elf.ElfLoader;
import dev.extos.verifier.Verdict;
import dev.extos.vm.Engines;
import dev.extos.vm.Executable;
import dev.extos.vm.HelperTable;
import dev.extos.vm.maps.MapAccount;
import dev.extos.vm.maps.ProgramMaps;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KernelObjectTest {

    @BeforeAll
    static void needsBpf() {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static long u64(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void arrayCounterCountsTheSameInTheKernelAndInTheInterpreter() throws Exception {
        BpfObject object = ElfLoader.load(Fixtures.object("array_counter"));
        BpfProgram count = object.program("count_packets").orElseThrow();
        Verdict.Accepted verified = (Verdict.Accepted) ExtosXdpRun.verify(count.program(), object.maps());
        Executable interp = Engines.interpreter().load(verified.program(), HelperTable.standard());
        Random rnd = new Random(7);
        try (KernelObject kernel = KernelObject.load(object);
             ProgramMaps extos = ProgramMaps.create(object.maps(), MapAccount.unlimited("test"))) {
            LoadedProgram loaded = kernel.program("count_packets");
            long expectedBytes = 0;
            int runs = 0;
            for (int i = 0; i < 20; i++) {
                byte[] packet = new byte[14 + rnd.nextInt(300)];
                int repeat = 1 + rnd.nextInt(5);
                assertThat(Bpf.testRun(loaded, packet, repeat).retval()).isEqualTo(2); // XDP_PASS
                for (int r = 0; r < repeat; r++) {
                    assertThat(ExtosXdpRun.run(interp, packet, extos).r0()).isEqualTo(2);
                }
                expectedBytes += (long) repeat * packet.length;
                runs += repeat;
            }
            KernelMap counters = kernel.map("counters").orElseThrow();
            long kernelPackets = u64(counters.lookup(u32(0)).orElseThrow());
            long kernelBytes = u64(counters.lookup(u32(1)).orElseThrow());
            long extosPackets = u64(extos.get(0).lookup(u32(0)).orElseThrow());
            long extosBytes = u64(extos.get(0).lookup(u32(1)).orElseThrow());
            System.out.printf("array_counter: kernel %d packets %d bytes, interpreter %d packets %d bytes%n",
                    kernelPackets, kernelBytes, extosPackets, extosBytes);
            assertThat(List.of(kernelPackets, kernelBytes)).containsExactly((long) runs, expectedBytes);
            assertThat(List.of(extosPackets, extosBytes)).containsExactly(kernelPackets, kernelBytes);

            // Java writes into the map the kernel program is using; the program continues from there.
            counters.update(u32(0), ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array(), KernelMap.BPF_EXIST);
            Bpf.testRun(loaded, new byte[64], 1);
            assertThat(u64(counters.lookup(u32(0)).orElseThrow())).isEqualTo(1001);
        }
    }

    @Test
    void mapReferencesArePatchedToTheKernelsDescriptors() throws Exception {
        BpfObject object = ElfLoader.load(Fixtures.object("array_counter"));
        try (KernelObject kernel = KernelObject.load(object)) {
            ProgramInfo info = kernel.program("count_packets").info();
            assertThat(info.type()).isEqualTo(Bpf.BPF_PROG_TYPE_XDP);
            assertThat(info.name()).isEqualTo("count_packets");
            assertThat(info.mapCount()).isEqualTo(1);
            assertThat(kernel.maps()).singleElement().satisfies(m -> assertThat(m.info().name()).isEqualTo("counters"));
        }
    }

    @Test
    void runCountsAndTimeWhileStatisticsAreOn() throws Exception {
        BpfObject object = ElfLoader.load(Fixtures.object("array_counter"));
        try (KernelObject kernel = KernelObject.load(object)) {
            LoadedProgram p = kernel.program("count_packets");
            long before = p.info().runCount();
            try (BpfStats stats = BpfStats.enable()) {
                Bpf.testRun(p, new byte[64], 100);
            }
            ProgramInfo after = p.info();
            assertThat(after.runCount() - before).isEqualTo(100);
            assertThat(after.runTimeNanos()).isPositive();
        }
    }

    @Test
    void extosHooksAreNotKernelPrograms() {
        BpfObject object = ElfLoader.load(Fixtures.object("http_5xx"));
        assertThatThrownBy(() -> KernelObject.load(object))
                .isInstanceOf(KernelObjectException.class)
                .hasMessageContaining("extos/")
                .hasMessageContaining("the Linux kernel does not have");
    }

    @Test
    void closingTheObjectReleasesEveryDescriptor() throws Exception {
        BpfObject object = ElfLoader.load(Fixtures.object("array_counter"));
        KernelObject.load(object).close();
        long before = KernelMapTest.openFds();
        KernelObject k = KernelObject.load(object);
        assertThat(KernelMapTest.openFds()).isEqualTo(before + 2); // one map, one program
        k.close();
        assertThat(KernelMapTest.openFds()).isEqualTo(before);
    }
}
