package dev.extos.verifier.engine;

import dev.extos.isa.Reg;
import dev.extos.verifier.HelperPrototype;
import dev.extos.verifier.ReturnRange;
import dev.extos.verifier.domain.Scalar;
import dev.extos.verifier.state.Frame;
import dev.extos.verifier.state.RegType;
import dev.extos.verifier.state.Stack;
import dev.extos.verifier.state.State;

/** Local calls, returns, program exit and helper calls. */
final class CallRule {
    /** Most frames alive at once, counting the program's own (the kernel's MAX_CALL_FRAMES). */
    static final int MAX_FRAMES = 8;

    private CallRule() {
    }

    /** The state at the callee's first instruction: a fresh frame with r1-r5 passed and r10 its own frame pointer. */
    static State callLocal(State s, int returnPc) {
        if (s.frames().size() >= MAX_FRAMES) {
            throw new VerifyError("the call nests deeper than " + MAX_FRAMES + " frames");
        }
        RegType[] regs = new RegType[11];
        java.util.Arrays.fill(regs, RegType.NOT_INIT);
        for (int r = 1; r <= 5; r++) {
            regs[r] = s.current().reg(r);
        }
        regs[10] = new RegType.PtrToStack(s.frames().size(), Scalar.constant(0));
        return s.push(new Frame(regs, Stack.empty(), returnPc));
    }

    /** At exit from a function: null when the program ends, else the caller's state after the call. */
    static State exit(State s, Env env) {
        RegType r0 = s.reg(Reg.R0);
        if (r0 instanceof RegType.NotInit) {
            throw new VerifyError("r0 is not initialised at exit");
        }
        if (!(r0 instanceof RegType.ScalarReg(Scalar v))) {
            throw new VerifyError("r0 holds pointer " + r0 + " at exit: returning it would leak an address");
        }
        if (s.depth() == 0) {
            checkReturn(v, env.type().returnRange());
            return null;
        }
        int dying = s.depth();
        State caller = s.pop();
        RegType[] regs = caller.current().regs();
        regs[0] = r0;
        for (int r = 1; r <= 5; r++) {
            regs[r] = RegType.NOT_INIT;  // argument registers are clobbered by the call
        }
        State out = caller.withCurrent(caller.current().withRegs(regs));
        out.mapAll(t -> {
            if (t instanceof RegType.PtrToStack p && p.frame() >= dying) {
                throw new VerifyError("a pointer into the returning function's stack (" + p + ") outlives the call");
            }
            return t;
        });
        return out;
    }

    private static void checkReturn(Scalar v, ReturnRange range) {
        long lo = range.low32() ? v.u32min() & 0xffff_ffffL : v.umin();
        long hi = range.low32() ? v.u32max() & 0xffff_ffffL : v.umax();
        if (Long.compareUnsigned(lo, range.min()) < 0 || Long.compareUnsigned(hi, range.max()) > 0) {
            throw new VerifyError("r0 = " + v + " at exit is outside the return range " + range);
        }
    }

    /** A helper call: the arguments must match the type's prototype; r1-r5 are clobbered and r0 follows the prototype. */
    static State helper(int id, State s, Env env) {
        HelperPrototype proto = env.type().helpers().get(id);
        if (proto == null) {
            throw new VerifyError("unknown helper function " + id + ": " + env.type().name() + " programs may call "
                    + (env.type().helpers().isEmpty() ? "no helpers" : "only helpers " + new java.util.TreeSet<>(env.type().helpers().keySet())));
        }
        for (int i = 0; i < proto.arguments().size(); i++) {
            RegType arg = s.current().reg(i + 1);
            boolean ok = switch (proto.arguments().get(i)) {
                case SCALAR -> arg instanceof RegType.ScalarReg;
                default -> throw new VerifyError("helper " + proto.name() + " (" + id + ") takes a "
                        + proto.arguments().get(i) + " argument in r" + (i + 1) + ", which this verifier cannot check yet");
            };
            if (!ok) {
                throw new VerifyError("helper " + proto.name() + " (" + id + ") takes a scalar in r" + (i + 1) + ", not " + arg);
            }
        }
        RegType[] regs = s.current().regs();
        regs[0] = switch (proto.result()) {
            case U64 -> new RegType.ScalarReg(Scalar.UNKNOWN);
            case U32 -> new RegType.ScalarReg(Scalar.unsigned(0, 0xffff_ffffL));
            case NONE -> RegType.NOT_INIT;
            default -> throw new VerifyError("helper " + proto.name() + " (" + id + ") returns " + proto.result()
                    + ", which this verifier cannot track yet");
        };
        for (int r = 1; r <= 5; r++) {
            regs[r] = RegType.NOT_INIT;  // the helper may have used them as scratch
        }
        return s.withCurrent(s.current().withRegs(regs));
    }
}
