package dev.extos.verifier;

import dev.extos.isa.MapSpec;
import dev.extos.isa.Program;
import dev.extos.verifier.engine.Explorer;
import java.util.List;

/** Entry point: proves that a program is memory-safe and terminates when run as the given program type. */
public final class Verifier {
    private Verifier() {
    }

    /** Verifies with the default options (quiet log, the kernel's cap of 1,000,000 processed instructions). */
    public static Verdict verify(Program program, ProgramType type) {
        return verify(program, type, VerifierOptions.DEFAULT);
    }

    /** Verifies with explicit options (e.g. {@link VerifierOptions#VERBOSE} for the state at every instruction). */
    public static Verdict verify(Program program, ProgramType type, VerifierOptions options) {
        return verify(program, type, List.of(), options);
    }

    /** Verifies a program that uses maps: {@code lddw rX, map_fd i} is map {@code maps.get(i)}. */
    public static Verdict verify(Program program, ProgramType type, List<MapSpec> maps, VerifierOptions options) {
        return Explorer.verify(program, type, maps, options);
    }
}
