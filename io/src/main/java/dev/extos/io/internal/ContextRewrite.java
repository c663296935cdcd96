package dev.extos.io.internal;

import dev.extos.io.ProgramRejectedException;
import dev.extos.isa.AluOp;
import dev.extos.isa.Imm;
import dev.extos.isa.Imm64Kind;
import dev.extos.isa.Instruction;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import dev.extos.isa.Size;
import dev.extos.isa.Width;
import dev.extos.verifier.ContextField;
import dev.extos.verifier.FieldKind;
import dev.extos.verifier.HelperCatalog;
import dev.extos.verifier.HelperPrototype;
import dev.extos.verifier.RegionKind;
import dev.extos.verifier.VerifiedProgram;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns each 4-byte load of a context pointer field ({@code data}, {@code data_end}, ...) into an
 * 8-byte load of its 64-bit shadow (see {@link ContextLayout}), as the kernel rewrites context
 * accesses at load time. The verifier says which loads touch the context; a small forward
 * analysis finds the constant offset of the context pointer each one goes through. A load whose
 * pointer it cannot follow is refused rather than guessed. Rewriting keeps every instruction in
 * its slot, so jumps and the verifier's per-slot facts stay valid.
 */
final class ContextRewrite {
    private static final int CONST = 1;
    private static final int CTX = 2;
    private static final int FP = 3;
    private static final int NOPTR = 4;
    private static final int TOP = 5;

    /** What a register or stack slot may hold: a constant, the context or a frame pointer plus a constant, no pointer, or anything. */
    private record Val(int kind, long v) {
        static final Val NO = new Val(NOPTR, 0);
        static final Val ANY = new Val(TOP, 0);

        boolean pointerish() {
            return kind == CTX || kind == FP || kind == TOP;
        }

        Val join(Val o) {
            if (equals(o)) {
                return this;
            }
            return pointerish() || o.pointerish() ? ANY : NO;
        }
    }

    /** Registers and the tracked 8-byte stack slots of the current frame (missing slot = anything). */
    private record State(Val[] regs, TreeMap<Long, Val> stack) {
        State copy() {
            return new State(regs.clone(), new TreeMap<>(stack));
        }

        State join(State o) {
            Val[] r = new Val[11];
            for (int i = 0; i < 11; i++) {
                r[i] = regs[i].join(o.regs[i]);
            }
            TreeMap<Long, Val> s = new TreeMap<>();
            for (Map.Entry<Long, Val> e : stack.entrySet()) {
                Val other = o.stack.get(e.getKey());
                if (other != null) {
                    s.put(e.getKey(), e.getValue().join(other));
                }
            }
            return new State(r, s);
        }

        boolean sameAs(State o) {
            return Arrays.equals(regs, o.regs) && stack.equals(o.stack);
        }
    }

    private final Program program;
    private final State[] in;

    private ContextRewrite(Program program) {
        this.program = program;
        this.in = new State[program.slotCount()];
    }

    /** The program with its context pointer loads rewritten, or a rejection naming the load it could not follow. */
    static VerifiedProgram apply(String name, VerifiedProgram verified) {
        Program p = verified.program();
        ContextRewrite analysis = new ContextRewrite(p);
        analysis.run();
        ContextLayout layout = new ContextLayout(verified.type());
        List<Instruction> out = new ArrayList<>(p.instructions().size());
        boolean changed = false;
        for (int pc : p.startSlots()) {
            Instruction insn = p.at(pc);
            Instruction replaced = insn;
            RegionKind kind = pc < verified.facts().size() ? verified.facts().region(pc) : null;
            State s = analysis.in[pc];
            if (insn instanceof Instruction.Load l && s != null && (kind == RegionKind.CONTEXT || kind == RegionKind.MIXED)) {
                Val base = s.regs[l.src().number()];
                if (base.kind() == CTX) {
                    replaced = rewrite(name, pc, l, base.v(), verified, layout);
                } else if (kind == RegionKind.CONTEXT || base.kind() == TOP) {
                    throw new ProgramRejectedException(name, "insn " + pc + ": the context is read through " + l.src()
                            + ", whose offset into the context ExtOS cannot follow; read context fields through r1"
                            + " or a copy of it", List.of());
                }
            }
            changed |= replaced != insn;
            out.add(replaced);
        }
        return changed ? new VerifiedProgram(Program.of(out), verified.type(), verified.maps(), verified.facts()) : verified;
    }

    private static Instruction rewrite(String name, int pc, Instruction.Load l, long ctxOffset, VerifiedProgram verified,
                                       ContextLayout layout) {
        long at = ctxOffset + l.offset();
        ContextField f = verified.type().fieldAt(at);
        if (f == null || f.kind() == FieldKind.SCALAR) {
            return l;
        }
        long newOffset = layout.shadow(f.name()) - ctxOffset;
        if (f.offset() != at || l.size() != Size.W || newOffset < Short.MIN_VALUE || newOffset > Short.MAX_VALUE) {
            throw new ProgramRejectedException(name, "insn " + pc + ": unexpected read of the context field " + f.name(), List.of());
        }
        return new Instruction.Load(Size.DW, false, l.dst(), l.src(), (int) newOffset);
    }

    private void run() {
        if (program.slotCount() == 0) {
            return;
        }
        Val[] regs = new Val[11];
        Arrays.fill(regs, Val.NO);
        regs[1] = new Val(CTX, 0);
        regs[10] = new Val(FP, 0);
        ArrayDeque<Integer> work = new ArrayDeque<>();
        merge(0, new State(regs, new TreeMap<>()), work);
        while (!work.isEmpty()) {
            int pc = work.poll();
            step(pc, in[pc].copy(), work);
        }
    }

    private void merge(int pc, State s, ArrayDeque<Integer> work) {
        if (pc < 0 || pc >= in.length || !program.startsAt(pc)) {
            return;
        }
        State old = in[pc];
        State joined = old == null ? s : old.join(s);
        if (old == null || !joined.sameAs(old)) {
            in[pc] = joined;
            work.add(pc);
        }
    }

    private void step(int pc, State s, ArrayDeque<Integer> work) {
        Instruction insn = program.at(pc);
        Val[] r = s.regs();
        int next = pc + insn.slots();
        switch (insn) {
            case Instruction.Alu a -> r[a.dst().number()] = alu(a, r);
            case Instruction.Neg n -> r[n.dst().number()] = Val.NO;
            case Instruction.MovSx m -> r[m.dst().number()] = Val.NO;
            case Instruction.ByteSwap b -> r[b.dst().number()] = Val.NO;
            case Instruction.LoadImm64 l -> r[l.dst().number()] = l.kind() == Imm64Kind.CONSTANT ? new Val(CONST, l.value()) : Val.NO;
            case Instruction.Load l -> r[l.dst().number()] = load(l, s);
            case Instruction.Store st -> store(s, r[st.dst().number()], st.offset(), st.size().bytes(),
                    st.size() == Size.DW ? operand(st.src(), r) : Val.NO);
            case Instruction.Atomic a -> {
                Val base = r[a.dst().number()];
                store(s, base, a.offset(), a.size().bytes(), Val.ANY);
                if (a.fetch()) {
                    Reg target = a.op() == dev.extos.isa.AtomicOp.CMPXCHG ? Reg.R0 : a.src();
                    r[target.number()] = base.kind() == FP || base.kind() == TOP ? Val.ANY : Val.NO;
                }
            }
            case Instruction.Jump j -> merge(pc + 1 + j.offset(), s.copy(), work);
            case Instruction.Goto g -> {
                merge(pc + 1 + g.offset(), s, work);
                return;
            }
            case Instruction.Call c -> {
                helperWrites(c.helper(), s);
                r[0] = Val.NO;
                clobberArguments(r);
            }
            case Instruction.CallLocal c -> {
                Val[] callee = new Val[11];
                Arrays.fill(callee, Val.NO);
                for (int i = 1; i <= 5; i++) {
                    // A frame pointer passed down points into this frame, which the callee cannot name.
                    callee[i] = r[i].kind() == FP ? Val.ANY : r[i];
                }
                callee[10] = new Val(FP, 0);
                merge(pc + 1 + c.offset(), new State(callee, new TreeMap<>()), work);
                if (anyPointerArgument(r)) {
                    s.stack().clear();
                }
                r[0] = Val.ANY;
                clobberArguments(r);
            }
            case Instruction.Exit e -> {
                return;
            }
            default -> {
                s.stack().clear();
                for (int i = 0; i <= 5; i++) {
                    r[i] = Val.ANY;
                }
            }
        }
        merge(next, s, work);
    }

    private static void clobberArguments(Val[] r) {
        for (int i = 1; i <= 5; i++) {
            r[i] = Val.NO;
        }
    }

    private static boolean anyPointerArgument(Val[] r) {
        for (int i = 1; i <= 5; i++) {
            if (r[i].kind() == FP || r[i].kind() == TOP) {
                return true;
            }
        }
        return false;
    }

    private static void helperWrites(int helper, State s) {
        HelperPrototype proto = HelperCatalog.all().get(helper);
        Val[] r = s.regs();
        if (proto == null) {
            if (anyPointerArgument(r)) {
                s.stack().clear();
            }
            return;
        }
        List<HelperPrototype.Argument> args = proto.arguments();
        for (int i = 0; i < args.size() && i < 5; i++) {
            boolean writes = switch (args.get(i)) {
                case WRITE_MEMORY, UNINIT_MAP_VALUE, WRITE_U64 -> true;
                default -> false;
            };
            Val v = r[i + 1];
            if (writes && v.kind() == TOP) {
                s.stack().clear();
            } else if (writes && v.kind() == FP) {
                // The helper may write anywhere from the pointer up to the frame's top.
                s.stack().tailMap(v.v() - 7, true).clear();
            }
        }
    }

    private static Val operand(dev.extos.isa.Operand o, Val[] r) {
        return switch (o) {
            case Reg reg -> r[reg.number()];
            case Imm(int v) -> new Val(CONST, v);
        };
    }

    private static Val alu(Instruction.Alu a, Val[] r) {
        Val src = operand(a.src(), r);
        if (a.width() == Width.W32) {
            return a.op() == AluOp.MOV && src.kind() == CONST ? new Val(CONST, src.v() & 0xffffffffL) : Val.NO;
        }
        Val dst = r[a.dst().number()];
        return switch (a.op()) {
            case MOV -> src;
            case ADD -> add(dst, src, 1);
            case SUB -> sub(dst, src);
            default -> dst.pointerish() || src.pointerish() ? Val.ANY
                    : dst.kind() == CONST && src.kind() == CONST ? constant(a.op(), dst.v(), src.v()) : Val.NO;
        };
    }

    private static Val constant(AluOp op, long x, long y) {
        return switch (op) {
            case MUL -> new Val(CONST, x * y);
            case OR -> new Val(CONST, x | y);
            case AND -> new Val(CONST, x & y);
            case XOR -> new Val(CONST, x ^ y);
            case LSH -> new Val(CONST, x << (y & 63));
            case RSH -> new Val(CONST, x >>> (y & 63));
            default -> Val.NO;
        };
    }

    private static Val add(Val x, Val y, int sign) {
        if (x.kind() == TOP || y.kind() == TOP) {
            return Val.ANY;
        }
        if (y.kind() == CONST && (x.kind() == CONST || x.kind() == CTX || x.kind() == FP)) {
            return new Val(x.kind(), x.v() + sign * y.v());
        }
        if (sign > 0 && x.kind() == CONST && (y.kind() == CTX || y.kind() == FP)) {
            return new Val(y.kind(), y.v() + x.v());
        }
        return x.pointerish() || y.pointerish() ? Val.ANY : Val.NO;
    }

    private static Val sub(Val x, Val y) {
        if ((x.kind() == CTX || x.kind() == FP) && x.kind() == y.kind()) {
            return Val.NO;
        }
        return add(x, y, -1);
    }

    private static Val load(Instruction.Load l, State s) {
        Val base = s.regs()[l.src().number()];
        return switch (base.kind()) {
            case FP -> l.size() == Size.DW ? Objects.requireNonNullElse(s.stack().get(base.v() + l.offset()), Val.ANY) : Val.NO;
            case TOP -> Val.ANY;
            default -> Val.NO;
        };
    }

    private static void store(State s, Val base, int offset, int size, Val value) {
        if (base.kind() == TOP) {
            s.stack().clear();
            return;
        }
        if (base.kind() != FP) {
            return;
        }
        long at = base.v() + offset;
        s.stack().subMap(at - 7, true, at + size, false).clear();
        if (size == 8) {
            s.stack().put(at, value);
        }
    }
}
