package dev.extos.io;

import dev.extos.isa.ExtosException;
import java.util.List;

/** The domain refused to load a program: the verifier could not prove it safe, or it cannot run at the hook. */
public final class ProgramRejectedException extends ExtosException {
    private final String reason;
    private final List<String> log;

    /** {@code name} is the program's name, {@code reason} the verifier's message, {@code log} its full log. */
    public ProgramRejectedException(String name, String reason, List<String> log) {
        super(name + " rejected: " + reason);
        this.reason = reason;
        this.log = List.copyOf(log);
    }

    /** The verifier's message, e.g. {@code insn 7: ldxb %r5, [%r3+0]: invalid access to packet ...}. */
    public String reason() {
        return reason;
    }

    /** The verifier's log (with verbose loading, the state at every instruction). */
    public List<String> log() {
        return log;
    }
}
