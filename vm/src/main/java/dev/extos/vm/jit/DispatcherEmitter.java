package dev.extos.vm.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.extos.isa.Reg;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;

/**
 * The method of a split function: same signature as an unsplit one, so callers cannot tell. It
 * sets up the frame's registers in a long[] (r0-r10, then the budget) and runs chunks, each
 * returning the chunk and slot to continue at (see {@link SplitFunction#next}), until one
 * returns {@link SplitFunction#EXIT}; r0 is then in the array. Dispatching on the chunk index
 * keeps this method small however many slots the chunks may be entered at.
 */
final class DispatcherEmitter {
    private DispatcherEmitter() {
    }

    private static final int ARRAY = 13;
    private static final int NEXT = 14;
    private static final Reg[] ARGS = {Reg.R1, Reg.R2, Reg.R3, Reg.R4, Reg.R5};

    static void emit(ClassBuilder cb, ProgramPlan plan, SplitFunction split, long backwardJumpLimit) {
        FunctionPlan f = split.function();
        cb.withMethodBody(f.methodName(), Descriptors.FUNCTION, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC, c -> {
            Locals in = Locals.FUNCTION;
            c.loadConstant(Locals.BUDGET_INDEX + 1);
            c.newarray(TypeKind.LONG);
            c.astore(ARRAY);
            for (Reg r : ARGS) {
                c.aload(ARRAY);
                c.loadConstant(r.number());
                c.lload(in.of(r));
                c.lastore();
            }
            c.aload(ARRAY);
            c.loadConstant(Reg.R10.number());
            c.iload(in.depth());
            c.invokestatic(Descriptors.ADDRESS_SPACE, "stackTop", MethodTypeDesc.of(CD_long, CD_int));
            c.lastore();
            if (plan.hasBackwardJumps()) {
                c.aload(ARRAY);
                c.loadConstant(Locals.BUDGET_INDEX);
                if (plan.hasLocalCalls()) {
                    c.aload(in.state());
                    c.getfield(Descriptors.RUN_STATE, "budget", CD_long);
                } else {
                    c.loadConstant(backwardJumpLimit);
                }
                c.lastore();
            }
            c.loadConstant(split.next(f.entry()));
            c.lstore(NEXT);
            Label loop = c.newBoundLabel();
            Label after = c.newLabel();
            Label impossible = c.newLabel();
            List<SwitchCase> cases = new ArrayList<>();
            for (SplitFunction.Chunk chunk : split.chunks()) {
                cases.add(SwitchCase.of(chunk.index(), c.newLabel()));
            }
            c.lload(NEXT);
            c.loadConstant(32);
            c.lushr();
            c.l2i();
            c.tableswitch(0, cases.size() - 1, impossible, cases);
            for (SplitFunction.Chunk chunk : split.chunks()) {
                c.labelBinding(cases.get(chunk.index()).target());
                c.aload(in.memory());
                c.aload(ARRAY);
                c.iload(in.depth());
                c.aload(in.state());
                c.lload(NEXT);
                c.l2i();
                c.invokestatic(Descriptors.SELF, chunk.methodName(f), Descriptors.CHUNK);
                c.goto_(after);
            }
            // Chunks only return chunk indexes that exist; anything else is a compiler bug.
            c.labelBinding(impossible);
            c.aconst_null();
            c.athrow();
            c.labelBinding(after);
            c.dup2();
            c.lstore(NEXT);
            c.lconst_0();
            c.lcmp();
            c.ifge(loop);
            c.aload(ARRAY);
            c.iconst_0();
            c.laload();
            c.lreturn();
        });
    }
}
