package dev.extos.vm;

import dev.extos.isa.Program;
import dev.extos.verifier.VerifiedProgram;

/** A way of running programs (the interpreter, later the JIT); every caller can pick either. */
public interface Engine {
    /** A short name for logs and the command line ("interp"). */
    String name();

    /**
     * Prepares {@code program} to run with {@code helpers}. Fails with an {@link dev.extos.isa.ExtosException}
     * if the program's structure makes it impossible to run (e.g. a jump outside the program).
     */
    Executable load(Program program, HelperTable helpers);

    /**
     * Prepares a program the verifier accepted. Its address space must follow the fixed layout of
     * {@link AddressSpace} (data, metadata and arguments in their regions, map i in region
     * {@code FIRST_MAP_REGION + i}); an engine may rely on the verifier's facts, e.g. the JIT
     * accesses a region's memory directly where the facts name the region.
     */
    default Executable load(VerifiedProgram program, HelperTable helpers) {
        return load(program.program(), helpers);
    }
}
