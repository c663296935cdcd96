package dev.extos.vm;

import dev.extos.isa.Program;

/** A way of running programs (the interpreter, later the JIT); every caller can pick either. */
public interface Engine {
    /** A short name for logs and the command line ("interp"). */
    String name();

    /**
     * Prepares {@code program} to run with {@code helpers}. Fails with an {@link dev.extos.isa.ExtosException}
     * if the program's structure makes it impossible to run (e.g. a jump outside the program).
     */
    Executable load(Program program, HelperTable helpers);
}
