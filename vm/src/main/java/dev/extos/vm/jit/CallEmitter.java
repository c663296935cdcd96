package dev.extos.vm.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.extos.isa.Instruction.Call;
import dev.extos.isa.Instruction.CallLocal;
import dev.extos.isa.Instruction.CallRegister;
import dev.extos.isa.Reg;
import dev.extos.vm.AddressSpace;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.MethodTypeDesc;

/**
 * Helper calls, local calls and exits. A helper called by number is a static final field of the
 * generated class, so the call site is constant; {@code callx} looks the helper up at run time
 * as the interpreter does. A local call is a static call of the target function's method with
 * the next frame's depth; r1-r5 and the budget travel back through the {@link RunState}.
 */
final class CallEmitter {
    private CallEmitter() {
    }

    private static final Reg[] ARGS = {Reg.R1, Reg.R2, Reg.R3, Reg.R4, Reg.R5};
    private static final String[] ARG_FIELDS = {"r1", "r2", "r3", "r4", "r5"};
    private static final MethodTypeDesc HELPER_AT = MethodTypeDesc.of(Descriptors.HELPER_FUNCTION, CD_long, CD_int);

    /** The name of the static final field holding helper {@code id}. */
    static String helperField(int id) {
        return "helper" + id;
    }

    static void call(EmitContext cx, int pc, Call call) {
        if (!cx.plan.helperIds().contains(call.helper())) {
            cx.throwFault(pc, JitFaults.missingHelper(call.helper()));
            return;
        }
        cx.guarded(pc, () -> {
            cx.code.getstatic(Descriptors.SELF, helperField(call.helper()), Descriptors.HELPER_FUNCTION);
            invokeHelper(cx);
        });
        cx.storeReg(Reg.R0);
    }

    static void callRegister(EmitContext cx, int pc, CallRegister call) {
        cx.guarded(pc, () -> {
            cx.code.getstatic(Descriptors.SELF, "LINKAGE", Descriptors.LINKAGE);
            cx.loadReg(call.target());
            cx.code.loadConstant(pc);
            cx.code.invokevirtual(Descriptors.LINKAGE, "helperAt", HELPER_AT);
            invokeHelper(cx);
        });
        cx.storeReg(Reg.R0);
    }

    private static void invokeHelper(EmitContext cx) {
        cx.code.aload(cx.locals.memory());
        for (Reg r : ARGS) {
            cx.loadReg(r);
        }
        cx.code.invokeinterface(Descriptors.HELPER_FUNCTION, "call", Descriptors.HELPER_CALL);
    }

    static void callLocal(EmitContext cx, int pc, CallLocal call) {
        CodeBuilder c = cx.code;
        Label ok = c.newLabel();
        c.iload(cx.locals.depth());
        c.loadConstant(AddressSpace.MAX_FRAMES - 1);
        c.if_icmplt(ok);
        cx.throwFault(pc, JitFaults.tooDeep());
        c.labelBinding(ok);
        if (cx.plan.hasBackwardJumps()) {
            c.aload(cx.locals.state());
            c.lload(cx.locals.budget());
            c.putfield(Descriptors.RUN_STATE, "budget", CD_long);
        }
        c.aload(cx.locals.memory());
        for (Reg r : ARGS) {
            cx.loadReg(r);
        }
        c.iload(cx.locals.depth());
        c.iconst_1();
        c.iadd();
        c.aload(cx.locals.state());
        c.invokestatic(Descriptors.SELF, "fn" + (pc + 1 + call.offset()), Descriptors.FUNCTION);
        cx.storeReg(Reg.R0);
        if (cx.plan.hasBackwardJumps()) {
            c.aload(cx.locals.state());
            c.getfield(Descriptors.RUN_STATE, "budget", CD_long);
            c.lstore(cx.locals.budget());
        }
        for (int i = 0; i < ARGS.length; i++) {
            c.aload(cx.locals.state());
            c.getfield(Descriptors.RUN_STATE, ARG_FIELDS[i], CD_long);
            cx.storeReg(ARGS[i]);
        }
    }

    static void exit(EmitContext cx) {
        CodeBuilder c = cx.code;
        if (cx.batchExit()) {
            return;
        }
        if (cx.plan.hasLocalCalls()) {
            // The interpreter's caller sees the callee's r1-r5 (one register file); so does ours.
            for (int i = 0; i < ARGS.length; i++) {
                c.aload(cx.locals.state());
                cx.loadReg(ARGS[i]);
                c.putfield(Descriptors.RUN_STATE, ARG_FIELDS[i], CD_long);
            }
            if (cx.plan.hasBackwardJumps()) {
                c.aload(cx.locals.state());
                c.lload(cx.locals.budget());
                c.putfield(Descriptors.RUN_STATE, "budget", CD_long);
            }
        }
        if (cx.inChunk()) {
            // A chunk hands r0 to its dispatcher, which returns it; EXIT says "the function exited".
            c.aload(cx.locals.registerArray());
            c.iconst_0();
            cx.loadReg(Reg.R0);
            c.lastore();
            c.loadConstant(SplitFunction.EXIT);
            c.lreturn();
            return;
        }
        cx.loadReg(Reg.R0);
        c.lreturn();
    }
}
