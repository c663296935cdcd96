package dev.extos.vm.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.extos.isa.Reg;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.MethodTypeDesc;

/**
 * Emits {@link dev.extos.vm.Executable#runBatch} for a program whose function 0 is one method
 * with no local calls: the function's body a second time, inside a loop over the batch. The
 * region segments are then fetched once per batch rather than once per run, and the host's setup,
 * the program and the store of r0 form one loop the JVM compiles whole, instead of a call per
 * record into a method too large to inline. An exit stores r0 in the results and starts the next run.
 */
final class BatchEmitter {
    private BatchEmitter() {
    }

    /** {@code (AddressSpace, long r1, int count, BatchSetup, long[] results) -> void}. */
    static final MethodTypeDesc BATCH = MethodTypeDesc.of(CD_void, Descriptors.ADDRESS_SPACE, CD_long, CD_int,
            Descriptors.BATCH_SETUP, CD_long.arrayType());
    private static final String METHOD = "batch0";

    // Slots of batch0's arguments (see Locals.BATCH for the rest).
    private static final int CONTEXT = 1;
    private static final int COUNT = 3;
    private static final int SETUP = 4;
    private static final int RESULTS = 5;

    /**
     * Whether the program gets a batch loop: function 0 whole (not split) and small enough that a
     * second copy of it stays well inside the method size HotSpot compiles, and no local calls
     * (whose run state a batch would have to reset).
     */
    static boolean applies(ProgramPlan plan, boolean functionZeroSplit) {
        FunctionPlan f = plan.functions().getFirst();
        return !plan.hasLocalCalls() && !functionZeroSplit
                && SplitFunction.estimate(plan.program(), f) <= JitCompiler.HUGE_METHOD_LIMIT / 2;
    }

    static void emit(ClassBuilder cb, ProgramPlan plan, MemoryAccessStrategy memory, long backwardJumpLimit) {
        MethodTypeDesc runBatch = MethodTypeDesc.of(CD_void, Descriptors.ADDRESS_SPACE, CD_long, CD_int,
                Descriptors.BATCH_SETUP, CD_long.arrayType());
        cb.withMethodBody("runBatch", runBatch, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, c -> {
            c.aload(1);
            c.lload(2);
            c.iload(4);
            c.aload(5);
            c.aload(6);
            c.invokestatic(Descriptors.SELF, METHOD, BATCH);
            c.return_();
        });
        cb.withMethodBody(METHOD, BATCH, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                code -> loop(new EmitContext(code, plan, memory, backwardJumpLimit, Locals.BATCH, null), plan.functions().getFirst()));
    }

    private static void loop(EmitContext cx, FunctionPlan f) {
        CodeBuilder c = cx.code;
        int k = cx.locals.batchIndex();
        c.iconst_0();
        c.istore(cx.locals.depth());
        c.aconst_null();
        c.astore(cx.locals.state());
        cx.memory.prologue(cx);
        c.iconst_0();
        c.istore(k);
        Label next = c.newLabel();
        Label end = c.newLabel();
        cx.exitTo(next, RESULTS, k);
        Label head = c.newBoundLabel();
        c.iload(k);
        c.iload(COUNT);
        c.if_icmpge(end);
        c.aload(SETUP);
        c.iload(k);
        c.invokeinterface(Descriptors.BATCH_SETUP, "beforeRun", MethodTypeDesc.of(CD_void, CD_int));
        c.lload(CONTEXT);
        cx.storeReg(Reg.R1);
        for (Reg r : new Reg[] {Reg.R2, Reg.R3, Reg.R4, Reg.R5}) {
            c.lconst_0();
            cx.storeReg(r);
        }
        FunctionEmitter.prologue(cx);
        c.goto_(cx.label(f.entry()));
        FunctionEmitter.instructions(cx, f.slots());
        c.labelBinding(next);
        c.iinc(k, 1);
        c.goto_(head);
        c.labelBinding(end);
        c.return_();
        FunctionEmitter.handlers(cx);
    }
}
