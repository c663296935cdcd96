package dev.extos.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BpfTest {

    @BeforeAll
    static void needsBpf() {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
    }

    @Test
    void loadsAnXdpProgramAndReturnsItsLog() throws Exception {
        Program p = Assembler.assemble("mov %r0, 2\nexit\n");
        try (LoadedProgram loaded = Bpf.load(Bpf.BPF_PROG_TYPE_XDP, p, "GPL", 1)) {
            assertThat(loaded.fd()).isGreaterThan(2);
            assertThat(loaded.log()).contains("processed 2 insns");
        }
    }

    @Test
    void rejectionCarriesErrnoNameAndVerifierLog() {
        Program p = Assembler.assemble("exit\n");
        assertThatThrownBy(() -> Bpf.load(Bpf.BPF_PROG_TYPE_XDP, p, "GPL", 1))
                .isInstanceOfSatisfying(KernelRejectedException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EACCES");
                    assertThat(e.log()).contains("R0 !read_ok");
                    assertThat(e.getMessage()).contains("EACCES").contains("R0 !read_ok");
                });
    }

    @Test
    void aTestRunHandsTheKernelThePacketAndReportsRetvalAndDuration() throws Exception {
        Program p = Assembler.assemble("""
                ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+4]
                mov %r0, 0
                mov %r4, %r2
                add %r4, 14
                jgt %r4, %r3, out
                ldxb %r0, [%r2+13]
                out:
                exit
                """);
        byte[] packet = new byte[60];
        packet[13] = 42;
        try (LoadedProgram loaded = Bpf.load(Bpf.BPF_PROG_TYPE_XDP, p, "GPL", 0)) {
            Bpf.TestRun run = Bpf.testRun(loaded, packet, 1000);
            assertThat(run.retval()).isEqualTo(42);
            assertThat(run.nanosPerRun()).isGreaterThanOrEqualTo(0);
            packet[13] = 3;
            assertThat(Bpf.testRun(loaded, packet, 1).retval()).isEqualTo(3);
        }
    }

    @Test
    void aTestRunOnLessThanAnEthernetHeaderIsEinval() throws Exception {
        try (LoadedProgram loaded = Bpf.load(Bpf.BPF_PROG_TYPE_XDP, Assembler.assemble("mov %r0, 2\nexit\n"), "GPL", 0)) {
            assertThatThrownBy(() -> Bpf.testRun(loaded, new byte[4], 1))
                    .isInstanceOfSatisfying(KernelRejectedException.class, e -> assertThat(e.errnoName()).isEqualTo("EINVAL"));
        }
    }

    @Test
    void malformedProgramIsEinval() {
        // A jump out of the program is rejected by the kernel's structural check.
        byte[] insns = {0x05, 0, 5, 0, 0, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> Bpf.load(Bpf.BPF_PROG_TYPE_XDP, insns, "GPL", 1))
                .isInstanceOfSatisfying(KernelRejectedException.class,
                        e -> assertThat(e.errnoName()).isEqualTo("EINVAL"));
    }

    @Test
    void noFileDescriptorLeaks() throws Exception {
        Program p = Assembler.assemble("mov %r0, 1\nexit\n");
        Program bad = Assembler.assemble("exit\n");
        // Warm up: classes, the linker's own resources.
        try (LoadedProgram ignored = Bpf.load(Bpf.BPF_PROG_TYPE_XDP, p, "GPL", 0)) {
            assertThat(ignored.isClosed()).isFalse();
        }
        long before = openFds();
        List<LoadedProgram> open = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            open.add(Bpf.load(Bpf.BPF_PROG_TYPE_XDP, p, "GPL", i % 2));
            try {
                Bpf.load(Bpf.BPF_PROG_TYPE_XDP, bad, "GPL", 1).close();
            } catch (KernelRejectedException expected) {
                // a failed load must not leave a descriptor behind either
            }
        }
        assertThat(openFds()).isEqualTo(before + 100);
        for (LoadedProgram l : open) {
            l.close();
            l.close(); // idempotent
            assertThat(l.isClosed()).isTrue();
        }
        assertThat(openFds()).isEqualTo(before);
    }

    private static long openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
