package dev.extos.verifier.engine;

import dev.extos.verifier.state.Frame;
import dev.extos.verifier.state.RegType;
import dev.extos.verifier.state.State;

/** Renders states for the log: {@code r1=ctx(off=0), r10=fp0}. */
final class Printer {
    private Printer() {
    }

    /** The initialised registers of the innermost frame. */
    static String registers(State s) {
        return registers(s.current());
    }

    static String registers(Frame f) {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < 11; r++) {
            RegType t = f.reg(r);
            if (!(t instanceof RegType.NotInit)) {
                b.append(b.isEmpty() ? "" : ", ").append('r').append(r).append('=').append(t);
            }
        }
        return b.toString();
    }

    /** Every frame's registers and written stack, for verbose logs. */
    static String full(State s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.frames().size(); i++) {
            Frame f = s.frames().get(i);
            if (i > 0) {
                b.append(" | ");
            }
            if (s.frames().size() > 1) {
                b.append("frame").append(i).append(": ");
            }
            b.append(registers(f));
            String stack = f.stack().toString();
            if (!stack.isEmpty()) {
                b.append("; ").append(stack);
            }
        }
        if (!s.refs().isEmpty()) {
            b.append("; refs=").append(s.refs());
        }
        return b.toString();
    }
}
