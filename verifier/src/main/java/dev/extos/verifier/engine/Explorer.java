package dev.extos.verifier.engine;

import dev.extos.isa.Instruction;
import dev.extos.isa.MapSpec;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import dev.extos.isa.asm.Disassembler;
import dev.extos.verifier.InstructionFacts;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.RegionKind;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.VerificationStats;
import dev.extos.verifier.VerifiedProgram;
import dev.extos.verifier.VerifierOptions;
import dev.extos.verifier.domain.Scalar;
import dev.extos.verifier.state.Frame;
import dev.extos.verifier.state.RegType;
import dev.extos.verifier.state.Stack;
import dev.extos.verifier.state.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Path exploration, as the kernel does it: follow one path at a time, push the other side of
 * each undecided branch on a stack, and at prune points (jump targets, call returns) stop a path
 * whose state is covered by a completely explored one. A state equal to one still being explored
 * further up the same path is a loop that made no progress: rejected as infinite.
 */
public final class Explorer implements Env {
    /** Completed states kept per prune point; older ones are dropped (pruning is only an optimisation). */
    private static final int KEPT_PER_POINT = 64;
    private static final int MAX_LOG_LINES = 200_000;
    /**
     * Instructions a path runs between stored checkpoints (as the kernel does): storing at every
     * prune point of a tight loop costs memory and comparisons without pruning more.
     */
    private static final int STORE_DISTANCE = 8;
    private static final int UNSET = -2;

    private final Program program;
    private final ProgramType type;
    private final List<MapSpec> maps;
    private final VerifierOptions options;
    private final RegionKind[] regions;
    private final int[] targetOf;               // per slot: map index or context field offset touched, UNSET, or -1 for several
    private final Map<Integer, Integer> refOrigins = new HashMap<>();
    private final List<String> log = new ArrayList<>();
    private final Map<Integer, Deque<Checkpoint>> completed = new HashMap<>();
    private final Set<Key> inProgress = new HashSet<>();
    private long processed;
    private int stored;
    private int pruned;
    private int maxDepth;
    private int nextId = 1;
    private int currentPc;

    /** A state recorded at a prune point; complete when every path from it has ended. */
    private static final class Checkpoint {
        final Key key;
        final Checkpoint parent;
        int pending = 1;

        Checkpoint(Key key, Checkpoint parent) {
            this.key = key;
            this.parent = parent;
        }
    }

    private record Key(int pc, State state) {
    }

    private record Branch(int pc, State state, Checkpoint parent) {
    }

    private Explorer(Program program, ProgramType type, List<MapSpec> maps, VerifierOptions options) {
        this.program = program;
        this.type = type;
        this.maps = List.copyOf(maps);
        this.options = options;
        this.regions = new RegionKind[program.slotCount()];
        this.targetOf = new int[program.slotCount()];
        Arrays.fill(targetOf, UNSET);
    }

    /** Verifies {@code program} as a program of {@code type} whose map i is {@code maps.get(i)}. */
    public static Verdict verify(Program program, ProgramType type, List<MapSpec> maps, VerifierOptions options) {
        return new Explorer(program, type, maps, options).run();
    }

    private Verdict run() {
        long start = System.nanoTime();
        BitSet prunePoints;
        try {
            prunePoints = Structure.check(program);
        } catch (VerifyError e) {
            return reject(e.pc(), e.getMessage(), "", start);
        }
        int[] live = Liveness.of(program);
        boolean returnChecked = hasLocalCalls(program)
                || !(type.returnRange().equals(dev.extos.verifier.ReturnRange.ANY)
                        || type.returnRange().equals(dev.extos.verifier.ReturnRange.ANY_U32));
        int[] relevant = Relevance.of(program, returnChecked);
        Deque<Branch> work = new ArrayDeque<>();
        work.push(new Branch(0, initial(), null));
        State state = null;
        try {
            while (!work.isEmpty()) {
                Branch b = work.pop();
                int pc = b.pc();
                state = b.state();
                Checkpoint cp = b.parent();
                long lastStored = Long.MIN_VALUE / 2; // a branch stores a checkpoint at its first prune point
                while (true) {
                    currentPc = pc;
                    if (prunePoints.get(pc)) {
                        state = widenIrrelevantScalars(state, live[pc] & ~relevant[pc]);
                        Key key = new Key(pc, withoutDeadRegisters(state, live[pc]).canonical());
                        if (isCovered(key)) {
                            pruned++;
                            if (options.verbose()) {
                                log(pc + ": safe (covered by an explored state)");
                            }
                            finish(cp);
                            break;
                        }
                        if (inProgress.contains(key)) {
                            throw new VerifyError("infinite loop detected: the state at insn " + pc
                                    + " repeats with no progress");
                        }
                        if (processed - lastStored >= STORE_DISTANCE) {
                            cp = new Checkpoint(key, cp);
                            inProgress.add(key);
                            stored++;
                            lastStored = processed;
                        }
                    }
                    if (++processed > options.instructionLimit()) {
                        throw new VerifyError("program too complex: more than " + options.instructionLimit()
                                + " instructions processed (loops must have bounds the verifier can prove)");
                    }
                    maxDepth = Math.max(maxDepth, state.depth());
                    Instruction insn = program.at(pc);
                    if (options.verbose()) {
                        log(pc + ": " + Disassembler.format(insn) + " ; " + Printer.full(state));
                    }
                    int next = pc + insn.slots();
                    switch (insn) {
                        case Instruction.Jump j -> {
                            BranchRule.Sides sides = BranchRule.jump(j, state);
                            int target = pc + 1 + j.offset();
                            if (sides.fallThrough() != null && sides.taken() != null) {
                                if (cp != null) {
                                    cp.pending++;
                                }
                                work.push(new Branch(target, sides.taken(), cp));
                                state = sides.fallThrough();
                            } else if (sides.taken() != null) {
                                state = sides.taken();
                                next = target;
                            } else if (sides.fallThrough() != null) {
                                state = sides.fallThrough();
                            } else {
                                finish(cp); // this path cannot happen at all
                                break;
                            }
                        }
                        case Instruction.Goto g -> next = pc + 1 + g.offset();
                        case Instruction.CallLocal c -> {
                            state = CallRule.callLocal(state, next);
                            next = pc + 1 + c.offset();
                        }
                        case Instruction.Exit e -> {
                            int returnPc = state.current().returnPc();
                            state = CallRule.exit(state, this);
                            next = returnPc;
                        }
                        default -> state = step(insn, state);
                    }
                    if (state == null) {
                        finish(cp); // the program exited on this path
                        break;
                    }
                    pc = next;
                }
            }
        } catch (VerifyError e) {
            String regs = state == null ? "" : Printer.registers(state);
            return reject(currentPc, e.getMessage(), regs, start);
        }
        if (options.verbose()) {
            log("accepted: " + processed + " instructions processed, " + stored + " states stored, " + pruned + " paths pruned");
        }
        InstructionFacts facts = facts();
        return new Verdict.Accepted(new VerifiedProgram(ContextLowering.apply(program, type, facts), type, maps, facts),
                stats(start), log);
    }

    private InstructionFacts facts() {
        int[] maps = new int[targetOf.length];
        int[] fields = new int[targetOf.length];
        for (int pc = 0; pc < maps.length; pc++) {
            maps[pc] = regions[pc] == RegionKind.MAP_VALUE && targetOf[pc] >= 0 ? targetOf[pc] : -1;
            fields[pc] = regions[pc] == RegionKind.CONTEXT && targetOf[pc] >= 0 ? targetOf[pc] : -1;
        }
        return new InstructionFacts(regions, maps, fields);
    }

    private State step(Instruction insn, State s) {
        return switch (insn) {
            case Instruction.Alu a -> AluRule.alu(a, s, this);
            case Instruction.Neg n -> AluRule.neg(n, s);
            case Instruction.MovSx m -> AluRule.movsx(m, s);
            case Instruction.ByteSwap b -> AluRule.byteSwap(b, s);
            case Instruction.LoadImm64 l -> AluRule.loadImm64(l, s, this);
            case Instruction.Load l -> MemoryRule.load(l, s, this);
            case Instruction.Store st -> MemoryRule.store(st, s, this);
            case Instruction.Atomic a -> MemoryRule.atomic(a, s, this);
            case Instruction.Call c -> CallRule.helper(c.helper(), s, this);
            case Instruction.CallRegister c -> throw new VerifyError(
                    "callx (a call through a register) is not supported: its target cannot be checked statically");
            case Instruction.CallKfunc c -> throw new VerifyError("kfunc calls are not supported");
            case Instruction.PacketLoad p -> throw new VerifyError(
                    "legacy packet loads (ldabs/ldind) are only valid in socket filter programs");
            case Instruction.Jump j -> throw new IllegalStateException();
            case Instruction.Goto g -> throw new IllegalStateException();
            case Instruction.CallLocal c -> throw new IllegalStateException();
            case Instruction.Exit e -> throw new IllegalStateException();
        };
    }

    /**
     * {@code state} with the scalars in {@code registers} (live, but no safety check depends on
     * their exact value, see {@link Relevance}) widened to any value: exploring the wider state
     * proves at least as much, and iterations that differ only in such a value (a count) merge.
     */
    private static State widenIrrelevantScalars(State state, int registers) {
        State s = state;
        for (Reg r : Reg.values()) {
            if ((registers & (1 << r.number())) != 0 && s.reg(r) instanceof RegType.ScalarReg(Scalar v)
                    && !v.equals(Scalar.UNKNOWN)) {
                s = s.withReg(r, new RegType.ScalarReg(Scalar.UNKNOWN));
            }
        }
        return s;
    }

    private static boolean hasLocalCalls(Program program) {
        return program.instructions().stream().anyMatch(i -> i instanceof Instruction.CallLocal);
    }

    /** {@code state} with the current frame's registers that are dead at this point (see {@link Liveness}) cleared. */
    private static State withoutDeadRegisters(State state, int live) {
        State s = state;
        for (Reg r : Reg.values()) {
            if ((live & (1 << r.number())) == 0 && !(s.reg(r) instanceof RegType.NotInit)) {
                s = s.withReg(r, RegType.NOT_INIT);
            }
        }
        return s;
    }

    private boolean isCovered(Key key) {
        Deque<Checkpoint> done = completed.get(key.pc());
        if (done == null) {
            return false;
        }
        for (Checkpoint c : done) {
            if (Subsumption.covers(c.key.state(), key.state())) {
                return true;
            }
        }
        return false;
    }

    /** A path ended: checkpoints whose every path has now ended become usable for pruning. */
    private void finish(Checkpoint cp) {
        while (cp != null) {
            if (--cp.pending > 0) {
                return;
            }
            inProgress.remove(cp.key);
            Deque<Checkpoint> done = completed.computeIfAbsent(cp.key.pc(), k -> new ArrayDeque<>());
            done.addFirst(cp);
            if (done.size() > KEPT_PER_POINT) {
                done.removeLast();
            }
            cp = cp.parent;
        }
    }

    private State initial() {
        RegType[] regs = new RegType[11];
        Arrays.fill(regs, RegType.NOT_INIT);
        if (type.isMemory()) {
            regs[1] = new RegType.PtrToMem(type.memorySize(), Scalar.constant(0));
            regs[2] = RegType.scalar(Scalar.constant(type.memorySize()));
        } else {
            regs[1] = new RegType.PtrToCtx(Scalar.constant(0));
        }
        regs[Reg.R10.number()] = new RegType.PtrToStack(0, Scalar.constant(0));
        return new State(List.of(new Frame(regs, Stack.empty(), -1)));
    }

    private Verdict reject(int pc, String reason, String regs, long start) {
        String text = pc >= 0 && pc < program.slotCount() && program.at(pc) != null ? Disassembler.format(program.at(pc)) : "";
        Verdict.Rejected r = new Verdict.Rejected(pc, text, reason, regs, stats(start), List.of());
        log(r.message());
        return new Verdict.Rejected(pc, text, reason, regs, r.stats(), log);
    }

    private VerificationStats stats(long start) {
        return new VerificationStats(processed, stored, pruned, maxDepth + 1, System.nanoTime() - start);
    }

    private void log(String line) {
        if (log.size() < MAX_LOG_LINES) {
            log.add(line);
        }
    }

    @Override
    public ProgramType type() {
        return type;
    }

    @Override
    public List<MapSpec> maps() {
        return maps;
    }

    @Override
    public int newId() {
        return nextId++;
    }

    @Override
    public int pc() {
        return currentPc;
    }

    @Override
    public void touchMap(int mapId) {
        touchTarget(mapId);
    }

    @Override
    public void touchContextField(int offset) {
        int old = targetOf[currentPc];
        if (old >= 0 && old != offset && (isPointerField(old) || isPointerField(offset))) {
            throw new VerifyError("this load reads context field " + type.fieldAt(old).name() + " on one path and "
                    + type.fieldAt(offset).name() + " on another; pointer fields need an instruction of their own");
        }
        touchTarget(offset);
    }

    private boolean isPointerField(int offset) {
        return type.fieldAt(offset).kind() != dev.extos.verifier.FieldKind.SCALAR;
    }

    private void touchTarget(int target) {
        int old = targetOf[currentPc];
        targetOf[currentPc] = old == UNSET || old == target ? target : -1;
    }

    @Override
    public int refOrigin(int ref) {
        return refOrigins.getOrDefault(ref, -1);
    }

    @Override
    public int newRef() {
        int ref = newId();
        refOrigins.put(ref, currentPc);
        return ref;
    }

    @Override
    public void touch(RegionKind kind) {
        RegionKind old = regions[currentPc];
        regions[currentPc] = old == null || old == kind ? kind : RegionKind.MIXED;
    }
}
