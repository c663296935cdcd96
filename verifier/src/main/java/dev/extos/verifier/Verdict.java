package dev.extos.verifier;

import java.util.List;

/** The outcome of verification: accepted with facts for the JIT, or rejected with the reason. */
public sealed interface Verdict {

    /** The verifier's log (the rejection line; with verbose options, the state at every instruction). */
    List<String> log();

    /** The work done, whatever the outcome. */
    VerificationStats stats();

    /** The program is safe: {@code program} is what engines load, with the facts the JIT uses. */
    record Accepted(VerifiedProgram program, VerificationStats stats, List<String> log) implements Verdict {
        public Accepted {
            log = List.copyOf(log);
        }

        /** What each memory instruction touches. */
        public InstructionFacts facts() {
            return program.facts();
        }
    }

    /**
     * The program was not proven safe: at slot {@code pc} ({@code instruction} is its disassembly,
     * empty for whole-program problems) because of {@code reason}, with the registers then.
     */
    record Rejected(int pc, String instruction, String reason, String registers, VerificationStats stats,
                    List<String> log) implements Verdict {
        public Rejected {
            log = List.copyOf(log);
        }

        /** The rejection in the kernel log's style: {@code insn 7: ldxw ...: reason (r1=...)}. */
        public String message() {
            StringBuilder b = new StringBuilder();
            if (pc >= 0) {
                b.append("insn ").append(pc).append(": ");
            }
            if (!instruction.isEmpty()) {
                b.append(instruction).append(": ");
            }
            b.append(reason);
            if (!registers.isEmpty()) {
                b.append(" (").append(registers).append(')');
            }
            return b.toString();
        }
    }
}
