package dev.extos.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.isa.asm.Assembler;
import dev.extos.linux.Bpf;
import dev.extos.linux.LoadedProgram;
import dev.extos.linux.Privileges;
import dev.extos.vm.Engines;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every program of the JIT comparison computes the same result in all four forms. */
class JitWorkloadTest {
    static final java.util.List<String> NAMES = JitWorkload.NAMES;

    @ParameterizedTest
    @FieldSource("NAMES")
    void theInterpreterAndTheJitReturnWhatJavaComputes(String name) {
        JitWorkload w = JitWorkload.byName(name);
        // prepare() verifies the program and throws unless r0 equals the Java computation.
        assertThat(w.prepare(Engines.interpreter()).run()).isEqualTo(w.expectedResult());
        assertThat(w.prepare(Engines.jit()).run()).isEqualTo(w.expectedResult());
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void theKernelAcceptsTheXdpFormAndReturnsTheSame(String name) throws Exception {
        assumeTrue(Bpf.supported() && Privileges.bpfAvailable(), "bpf() is not available here");
        JitWorkload w = JitWorkload.byName(name);
        try (LoadedProgram p = Bpf.load(Bpf.BPF_PROG_TYPE_XDP, Assembler.assemble(w.kernel()), "GPL", 0)) {
            assertThat(Bpf.testRun(p, w.kernelPacket(), 1).retval()).isEqualTo(w.kernelExpectedResult() & 0xffffffffL);
        }
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void theCFormCompilesAndReturnsTheSame(String name, @TempDir Path dir) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is not installed");
        NativeBaselines.Figure f = NativeBaselines.gcc(JitWorkload.byName(name), dir);
        assertThat(f.absent()).isNull();
        assertThat(f.nanos()).isPositive();
    }
}
