package dev.extos.vm.jit;

import dev.extos.isa.Operand;
import dev.extos.isa.Imm;
import dev.extos.isa.Reg;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of emitting one method (a whole function, or one chunk of a split function): the
 * builder, the local layout, a label per slot, and the instructions that may fault, whose
 * exception-table entries and handlers are emitted after the body so that the hot path carries
 * no fault bookkeeping at all. In a chunk, a jump to a slot outside it goes to an exit stub
 * that hands the registers back to the function's dispatcher.
 */
final class EmitContext {
    /** A bytecode range that belongs to the instruction at {@code pc} and may throw MemoryFault. */
    record FaultRange(int pc, Label start, Label end) {
    }

    /**
     * A fast bytecode range that may throw any RuntimeException, whose out-of-line handler runs
     * {@code slowPath} (leaving what the range leaves on the stack) and continues at {@code resume}.
     */
    record Recovery(Label start, Label end, Label resume, Runnable slowPath) {
    }

    final CodeBuilder code;
    final ProgramPlan plan;
    final MemoryAccessStrategy memory;
    final long backwardJumpLimit;
    final Locals locals;
    /** The slots this method holds, or null for a whole function. */
    private final BitSet members;
    private final Map<Integer, Label> labels = new HashMap<>();
    private final Map<Integer, Label> exits = new TreeMap<>();
    private final List<FaultRange> faultRanges = new ArrayList<>();
    private final List<Recovery> recoveries = new ArrayList<>();

    EmitContext(CodeBuilder code, ProgramPlan plan, MemoryAccessStrategy memory, long backwardJumpLimit, Locals locals,
                BitSet members) {
        this.code = code;
        this.plan = plan;
        this.memory = memory;
        this.backwardJumpLimit = backwardJumpLimit;
        this.locals = locals;
        this.members = members;
    }

    // In a batch loop: where an exit goes after storing r0 in results[index] (null in a function).
    private Label exitTo;
    private int resultsSlot;
    private int indexSlot;

    /** Makes exits store r0 in {@code results[index]} (array and int in those slots) and go to {@code next}. */
    void exitTo(Label next, int results, int index) {
        this.exitTo = next;
        this.resultsSlot = results;
        this.indexSlot = index;
    }

    /** Emits a batch exit if this is a batch loop; returns false otherwise. */
    boolean batchExit() {
        if (exitTo == null) {
            return false;
        }
        code.aload(resultsSlot);
        code.iload(indexSlot);
        loadReg(dev.extos.isa.Reg.R0);
        code.lastore();
        code.goto_(exitTo);
        return true;
    }

    /** True when this method is a chunk of a split function. */
    boolean inChunk() {
        return members != null;
    }

    /** The label of slot {@code pc}: where its code starts, or in a chunk the exit stub towards it. */
    Label label(int pc) {
        if (members != null && !members.get(pc)) {
            return exits.computeIfAbsent(pc, p -> code.newLabel());
        }
        // A map, not an array over the program: a large program has many methods (chunks).
        return labels.computeIfAbsent(pc, p -> code.newLabel());
    }

    /** The slots outside this chunk that it jumps to, with their stub labels. */
    Map<Integer, Label> exits() {
        return exits;
    }

    /** Emits {@code body} as the part of instruction {@code pc} that a MemoryFault may leave. */
    void guarded(int pc, Runnable body) {
        Label start = code.newBoundLabel();
        body.run();
        Label end = code.newBoundLabel();
        faultRanges.add(new FaultRange(pc, start, end));
    }

    /**
     * Emits {@code fast}, and out of line a handler that, should {@code fast} throw, runs
     * {@code slowPath} instead and continues after {@code fast}; both must leave the same stack.
     */
    void withRecovery(Runnable fast, Runnable slowPath) {
        Label start = code.newBoundLabel();
        fast.run();
        Label end = code.newBoundLabel();
        Label resume = code.newBoundLabel();
        recoveries.add(new Recovery(start, end, resume, slowPath));
    }

    List<Recovery> recoveries() {
        return recoveries;
    }

    List<FaultRange> faultRanges() {
        return faultRanges;
    }

    void loadReg(Reg r) {
        code.lload(locals.of(r));
    }

    void storeReg(Reg r) {
        code.lstore(locals.of(r));
    }

    /** Pushes a 64-bit operand: the register, or the immediate sign-extended as eBPF does. */
    void loadLong(Operand o) {
        switch (o) {
            case Reg r -> loadReg(r);
            case Imm(int v) -> code.loadConstant((long) v);
        }
    }

    /** Pushes the low 32 bits of an operand as an int. */
    void loadInt(Operand o) {
        switch (o) {
            case Reg r -> {
                loadReg(r);
                code.l2i();
            }
            case Imm(int v) -> code.loadConstant(v);
        }
    }

    /** Zero-extends the int on the stack to a long: what every 32-bit ALU result gets. */
    void zeroExtend() {
        code.i2l();
        code.loadConstant(0xffffffffL);
        code.land();
    }

    /** Emits {@code throw $fault(pc, reason)}: a fault the interpreter raises at a fixed place. */
    void throwFault(int pc, String reason) {
        code.loadConstant(pc);
        code.ldc(reason);
        code.invokestatic(Descriptors.SELF, "$fault", Descriptors.FAULT_AT);
        code.athrow();
    }
}
