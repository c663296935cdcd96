package dev.extos.verifier;

import dev.extos.isa.MapSpec;
import dev.extos.isa.Program;
import java.util.List;
import java.util.Objects;

/**
 * A program the verifier accepted, with everything an engine needs to run it: its type (context
 * layout, helpers), its maps (map i is {@code maps.get(i)}) and the facts proven for the JIT.
 * Obtain it from {@link Verdict.Accepted#program()}. Its program is the one verified with each
 * load of a context pointer field lowered to an 8-byte load of the field's 64-bit slot (see
 * {@link ProgramType#hostContextSize()}), so hosts lay the context out that way.
 */
public record VerifiedProgram(Program program, ProgramType type, List<MapSpec> maps, InstructionFacts facts) {
    public VerifiedProgram {
        Objects.requireNonNull(program);
        Objects.requireNonNull(type);
        maps = List.copyOf(maps);
        Objects.requireNonNull(facts);
    }
}
