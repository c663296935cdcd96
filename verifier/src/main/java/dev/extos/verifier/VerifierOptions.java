package dev.extos.verifier;

/** Knobs of a verification run: verbose logging (the state at every instruction) and the work cap. */
public record VerifierOptions(boolean verbose, long instructionLimit) {
    /** The kernel's cap on processed instructions. */
    public static final long DEFAULT_LIMIT = 1_000_000;
    /** Quiet, with the default cap. */
    public static final VerifierOptions DEFAULT = new VerifierOptions(false, DEFAULT_LIMIT);
    /** Verbose, with the default cap. */
    public static final VerifierOptions VERBOSE = new VerifierOptions(true, DEFAULT_LIMIT);
}
