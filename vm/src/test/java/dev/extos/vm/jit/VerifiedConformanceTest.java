package dev.extos.vm.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.ExtosException;
import dev.extos.isa.Program;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.RegionKind;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.VerifiedProgram;
import dev.extos.verifier.Verifier;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.HelperTable;
import dev.extos.vm.conformance.ConformanceCase;
import dev.extos.vm.conformance.ConformanceRunner;
import dev.extos.vm.conformance.ConformanceSuite;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite through the verified path: each case the verifier accepts under the
 * memory type is compiled with its facts (direct region access) and must give the expected r0.
 */
class VerifiedConformanceTest {

    @Test
    void everyAcceptedCasePassesWithDirectAccess() {
        List<String> failures = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        int accepted = 0;
        int direct = 0;
        int withFacts = 0;
        for (var path : ConformanceSuite.positiveCases()) {
            ConformanceCase c = ConformanceCase.read(path);
            if (c.error().isPresent()) {
                continue;
            }
            Program program = ConformanceRunner.program(c);
            int size = c.memory().map(m -> m.length).orElse(0);
            if (!(Verifier.verify(program, ProgramType.memory(size)) instanceof Verdict.Accepted a)) {
                rejected.add(c.name());
                continue;
            }
            accepted++;
            VerifiedProgram verified = a.program();
            Compilation compilation = new JitCompiler().compile(verified, HelperTable.standard());
            if (BytecodeDump.of(compilation.classBytes().orElseThrow()).contains("directSegments")) {
                direct++;
            }
            if (hasDirectFact(verified)) {
                withFacts++;
            }
            AddressSpace memory = new AddressSpace();
            long r1 = 0;
            if (c.memory().isPresent()) {
                MemorySegment segment = AddressSpace.allocate(size);
                segment.copyFrom(MemorySegment.ofArray(c.memory().get()));
                r1 = memory.mapData("memory", segment, true);
            }
            try {
                long r0 = compilation.executable().run(memory, r1, size);
                if (r0 != c.result().orElseThrow()) {
                    failures.add(c.name() + ": r0 0x" + Long.toHexString(r0) + ", expected 0x" + Long.toHexString(c.result().get()));
                }
            } catch (ExtosException e) {
                failures.add(c.name() + ": " + e.getMessage());
            }
        }
        System.out.printf("verified conformance: %d accepted (%d with direct accesses), rejected %s, %d failures%n",
                accepted, direct, rejected, failures.size());
        assertThat(failures).isEmpty();
        assertThat(rejected).containsExactly("callx.data");
        assertThat(direct).as("cases compiled with at least one direct access").isEqualTo(withFacts).isGreaterThan(50);
    }

    /** True when a fact names one region kind a direct access serves (not a map value, not mixed). */
    private static boolean hasDirectFact(VerifiedProgram p) {
        for (int pc = 0; pc < p.facts().size(); pc++) {
            RegionKind k = p.facts().region(pc);
            if (k != null && k != RegionKind.MAP_VALUE && k != RegionKind.MIXED) {
                return true;
            }
        }
        return false;
    }
}
