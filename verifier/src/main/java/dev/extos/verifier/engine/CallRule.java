package dev.extos.verifier.engine;

import dev.extos.isa.Reg;
import dev.extos.verifier.HelperCatalog;
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
            if (!s.refs().isEmpty()) {
                throw new VerifyError("unreleased reference: " + refText(s.refs().getFirst(), env)
                        + " is neither submitted nor discarded on this path");
            }
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
        String helper = "helper " + proto.name() + " (" + id + ")";
        HelperArguments args = new HelperArguments(proto, s, env);
        for (int i = 0; i < proto.arguments().size(); i++) {
            try {
                args.check(i);
            } catch (VerifyError e) {
                throw new VerifyError(helper + ", argument r" + (i + 1) + " (" + proto.arguments().get(i) + "): " + e.getMessage());
            }
        }
        State out = args.after();
        if (proto.id() == HelperCatalog.TAIL_CALL.id() && !s.refs().isEmpty()) {
            throw new VerifyError(helper + " while holding " + refText(s.refs().getFirst(), env)
                    + ": a successful tail call never returns, so it would never be released");
        }
        if (args.released() != 0) {
            int ref = args.released();
            String why = "the ring-buffer memory it pointed to was released at insn " + env.pc();
            out = out.withoutRef(ref).mapAll(t -> t instanceof RegType.PtrToRingbuf r && r.ref() == ref ? new RegType.NotInit(why) : t);
        }
        RegType[] regs = out.current().regs();
        regs[0] = switch (proto.result()) {
            case U64 -> new RegType.ScalarReg(Scalar.UNKNOWN);
            case U32 -> new RegType.ScalarReg(Scalar.unsigned(0, 0xffff_ffffL));
            case NONE -> RegType.NOT_INIT;
            case MAP_VALUE_OR_NULL -> new RegType.MapValue(args.mapId(), env.maps().get(args.mapId()).valueSize(), true,
                    env.newId(), Scalar.constant(0));
            case RINGBUF_MEMORY_OR_NULL -> {
                Scalar size = ((RegType.ScalarReg) s.current().reg(2)).value();
                if (!size.isConstant() || size.constantValue() < 0 || size.constantValue() >= AluRule.MAX_OFFSET) {
                    throw new VerifyError(helper + ": the size r2=" + size + " must be a known constant below 2^29");
                }
                int ref = env.newRef();
                out = out.withRef(ref);
                yield new RegType.PtrToRingbuf(ref, size.constantValue(), true, Scalar.constant(0));
            }
        };
        for (int r = 1; r <= 5; r++) {
            regs[r] = RegType.NOT_INIT;  // the helper may have used them as scratch
        }
        return out.withCurrent(out.current().withRegs(regs));
    }

    /** How a held reference reads in messages. */
    static String refText(int ref, Env env) {
        int pc = env.refOrigin(ref);
        return "the ring-buffer memory reserved" + (pc >= 0 ? " at insn " + pc : "") + " (ref=" + ref + ")";
    }
}
