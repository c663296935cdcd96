package dev.extos.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.elf.BpfObject;
import dev.extos.isa.elf.BpfProgram;
import dev.extos.isa.elf.ElfLoader;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.VerifiedProgram;
import dev.extos.verifier.Verifier;
import dev.extos.verifier.VerifierOptions;
import dev.extos.vm.maps.MapAccount;
import dev.extos.vm.maps.ProgramMaps;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every program of every C fixture (fixtures/bpf) is verified as its section's type; each one the
 * verifier accepts runs on the interpreter and on the JIT over the same inputs, three runs in a
 * row sharing its maps, and both must give the same r0 after every run and the same map
 * contents at the end; so must the JIT's batch loop running the three as one batch.
 */
class FixtureProgramsTest {
    private static final byte[][] INPUTS = {
        "10.0.0.2 - - [30/Nov/2026:10:00:01 +0000] \"GET /b HTTP/1.1\" 503 19".getBytes(StandardCharsets.US_ASCII),
        "10.0.0.1 - - [30/Nov/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 512".getBytes(StandardCharsets.US_ASCII),
        // Ethernet + IPv4 + UDP to port 53.
        HexFormat.of().parseHex("000000000000000000000000" + "0800" + "4500001c000000004011" + "0000" + "0a000001"
                + "0a000002" + "04d2" + "0035" + "0008" + "0000"),
        new byte[0],
    };

    private static Path fixtures() {
        return Path.of(System.getProperty("extos.fixtures", "../fixtures"), "bpf");
    }

    private record Outcome(List<String> results, String maps) {
    }

    private static Outcome run(Engine engine, VerifiedProgram verified, byte[] input) {
        List<String> results = new ArrayList<>();
        try (ProgramMaps maps = ProgramMaps.create(verified.maps(), MapAccount.unlimited("test"))) {
            Executable executable = engine.load(verified, HelperTable.standard());
            for (int i = 0; i < 3; i++) {
                AddressSpace space = new AddressSpace();
                maps.install(space);
                MemorySegment data = AddressSpace.allocate(input.length);
                data.copyFrom(MemorySegment.ofArray(input));
                long r1 = HostContext.prepare(space, verified.type(), data, MemorySegment.ofArray(new byte[0]));
                try {
                    results.add("r0=" + Long.toHexString(executable.run(space, r1)));
                } catch (ExecutionFault f) {
                    results.add("fault: " + f.getMessage());
                }
            }
            return new Outcome(results, maps.describe(64));
        }
    }

    /** The same three runs as one {@link Executable#runBatch} in one address space (the IO layer's way). */
    private static Outcome runBatch(Engine engine, VerifiedProgram verified, byte[] input) {
        List<String> results = new ArrayList<>();
        try (ProgramMaps maps = ProgramMaps.create(verified.maps(), MapAccount.unlimited("test"))) {
            Executable executable = engine.load(verified, HelperTable.standard());
            AddressSpace space = new AddressSpace();
            maps.install(space);
            MemorySegment data = AddressSpace.allocate(input.length);
            data.copyFrom(MemorySegment.ofArray(input));
            long r1 = HostContext.prepare(space, verified.type(), data, MemorySegment.ofArray(new byte[0]));
            long[] r0 = new long[3];
            try {
                executable.runBatch(space, r1, 3, k -> { }, r0);
                for (long r : r0) {
                    results.add("r0=" + Long.toHexString(r));
                }
            } catch (ExecutionFault f) {
                results.add("fault: " + f.getMessage());
            }
            return new Outcome(results, maps.describe(64));
        }
    }

    @Test
    void everyFixtureTheVerifierAcceptsRunsTheSameOnBothEngines() throws IOException {
        TreeSet<String> accepted = new TreeSet<>();
        TreeSet<String> rejected = new TreeSet<>();
        try (Stream<Path> files = Files.list(fixtures())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".o")).sorted().toList()) {
                BpfObject object = ElfLoader.load(file);
                for (BpfProgram p : object.programs()) {
                    if (!ProgramType.sectionNames().contains(p.section()) && !p.section().startsWith("xdp")) {
                        continue;  // kernel-only hooks (SEC("socket")) run in the linux module's tests
                    }
                    String name = file.getFileName() + ":" + p.name();
                    Verdict v = Verifier.verify(p.program(), ProgramType.forSection(p.section()), object.maps(),
                            VerifierOptions.DEFAULT);
                    if (!(v instanceof Verdict.Accepted a)) {
                        rejected.add(name);
                        continue;
                    }
                    accepted.add(name);
                    for (byte[] input : INPUTS) {
                        Outcome interp = run(Engines.interpreter(), a.program(), input);
                        Outcome jit = run(Engines.jit(), a.program(), input);
                        assertThat(jit).as(name + " on " + input.length + " bytes").isEqualTo(interp);
                        if (interp.results().stream().noneMatch(r -> r.startsWith("fault"))) {
                            assertThat(runBatch(Engines.jit(), a.program(), input)).as(name + " as a batch on " + input.length
                                    + " bytes").isEqualTo(interp);
                        }
                    }
                }
            }
        }
        // The one the verifier refuses is the deliberate bug.
        assertThat(rejected).containsExactly("unchecked_read.o:read_unchecked");
        assertThat(accepted).hasSize(18);
    }
}
