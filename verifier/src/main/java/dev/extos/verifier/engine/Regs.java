package dev.extos.verifier.engine;

import dev.extos.isa.Imm;
import dev.extos.isa.Operand;
import dev.extos.isa.Reg;
import dev.extos.verifier.domain.Scalar;
import dev.extos.verifier.state.RegType;
import dev.extos.verifier.state.State;

/** Reading registers with the checks every rule needs. */
final class Regs {
    private Regs() {
    }

    /** The register's type; an uninitialised register may not be read. */
    static RegType read(State s, Reg r) {
        RegType t = s.reg(r);
        if (t instanceof RegType.NotInit(String why)) {
            throw new VerifyError(why.isEmpty() ? r + " is read before it is initialised" : r + " is unusable: " + why);
        }
        return t;
    }

    /** A register or immediate operand's type (immediates are sign-extended to 64 bits). */
    static RegType read(State s, Operand o) {
        return switch (o) {
            case Reg r -> read(s, r);
            case Imm(int v) -> RegType.scalar(Scalar.constant(v));
        };
    }

    /** The scalar value of a register, rejecting pointers with {@code what} as the operation's name. */
    static Scalar scalar(State s, Reg r, String what) {
        RegType t = read(s, r);
        if (t instanceof RegType.ScalarReg(Scalar v)) {
            return v;
        }
        throw new VerifyError(what + " of pointer " + r + "=" + t + " is not allowed");
    }
}
