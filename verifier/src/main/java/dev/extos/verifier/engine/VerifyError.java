package dev.extos.verifier.engine;

/** A broken rule, thrown by the rules and turned into a rejection (with pc and state) by the explorer. */
final class VerifyError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int pc;

    VerifyError(String reason) {
        this(-1, reason);
    }

    VerifyError(int pc, String reason) {
        super(reason, null, false, false);
        this.pc = pc;
    }

    /** The slot the error is tied to when it comes from the structural pass, else -1. */
    int pc() {
        return pc;
    }
}
