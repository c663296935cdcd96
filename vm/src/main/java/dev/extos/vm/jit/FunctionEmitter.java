package dev.extos.vm.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.extos.isa.Imm64Kind;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.Reg;
import dev.extos.vm.runtime.MapReferences;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Emits one function as one static method: a prologue that sets the registers the way the
 * interpreter starts a frame, then the reachable instructions in slot order (so fall-through is
 * fall-through), then one tiny handler per instruction that may fault, reached only through the
 * exception table: the pc of a fault costs nothing until a fault happens. A function too large
 * for one method is emitted as chunks instead (see {@link SplitFunction} and {@link DispatcherEmitter}).
 */
final class FunctionEmitter {
    private FunctionEmitter() {
    }

    private static final Reg[] CLEARED = {Reg.R0, Reg.R6, Reg.R7, Reg.R8, Reg.R9};
    private static final Reg[] ALL = Reg.values();

    static void emit(ClassBuilder cb, ProgramPlan plan, FunctionPlan f, MemoryAccessStrategy memory, long backwardJumpLimit) {
        cb.withMethodBody(f.methodName(), Descriptors.FUNCTION, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                code -> body(new EmitContext(code, plan, memory, backwardJumpLimit, Locals.FUNCTION, null), f));
    }

    /** Emits {@code split}: its dispatcher under the function's name, and one method per chunk. */
    static void emitSplit(ClassBuilder cb, ProgramPlan plan, SplitFunction split, MemoryAccessStrategy memory,
                          long backwardJumpLimit) {
        DispatcherEmitter.emit(cb, plan, split, backwardJumpLimit);
        for (SplitFunction.Chunk chunk : split.chunks()) {
            cb.withMethodBody(chunk.methodName(split.function()), Descriptors.CHUNK, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                    code -> chunkBody(new EmitContext(code, plan, memory, backwardJumpLimit, Locals.CHUNK, chunk.members()), split, chunk));
        }
    }

    private static void body(EmitContext cx, FunctionPlan f) {
        prologue(cx);
        cx.memory.prologue(cx);
        if (f.slots()[0] != f.entry()) {
            cx.code.goto_(cx.label(f.entry()));
        }
        instructions(cx, f.slots());
        handlers(cx);
    }

    /** A chunk takes its registers from the array, starts at the requested slot, and gives them back on leaving. */
    private static void chunkBody(EmitContext cx, SplitFunction split, SplitFunction.Chunk chunk) {
        CodeBuilder c = cx.code;
        for (Reg r : ALL) {
            c.aload(cx.locals.registerArray());
            c.loadConstant(r.number());
            c.laload();
            cx.storeReg(r);
        }
        if (cx.plan.hasBackwardJumps()) {
            c.aload(cx.locals.registerArray());
            c.loadConstant(Locals.BUDGET_INDEX);
            c.laload();
            c.lstore(cx.locals.budget());
        }
        cx.memory.prologue(cx);
        int[] entries = chunk.entries();
        if (entries.length > 1 || entries[0] != chunk.slots()[0]) {
            List<SwitchCase> cases = new ArrayList<>();
            for (int e : entries) {
                cases.add(SwitchCase.of(e, cx.label(e)));
            }
            c.iload(cx.locals.entryPc());
            c.lookupswitch(cx.label(entries[0]), cases);
        }
        instructions(cx, chunk.slots());
        int last = chunk.slots()[chunk.slots().length - 1];
        if (last < cx.plan.program().slotCount()) {
            Instruction i = cx.plan.program().at(last);
            if (!(i instanceof Exit) && !(i instanceof Goto)) {
                c.goto_(cx.label(last + i.slots())); // falls through into the next chunk
            }
        }
        if (!cx.exits().isEmpty()) {
            Label leave = c.newLabel();
            for (Map.Entry<Integer, Label> exit : cx.exits().entrySet()) {
                c.labelBinding(exit.getValue());
                c.loadConstant(split.next(exit.getKey()));
                c.goto_(leave);
            }
            c.labelBinding(leave);
            c.lstore(cx.locals.scratch());
            for (Reg r : ALL) {
                c.aload(cx.locals.registerArray());
                c.loadConstant(r.number());
                cx.loadReg(r);
                c.lastore();
            }
            if (cx.plan.hasBackwardJumps()) {
                c.aload(cx.locals.registerArray());
                c.loadConstant(Locals.BUDGET_INDEX);
                c.lload(cx.locals.budget());
                c.lastore();
            }
            c.lload(cx.locals.scratch());
            c.lreturn();
        }
        handlers(cx);
    }

    static void instructions(EmitContext cx, int[] slots) {
        int end = cx.plan.program().slotCount();
        for (int pc : slots) {
            cx.code.labelBinding(cx.label(pc));
            if (pc == end) {
                cx.throwFault(end, JitFaults.ranOffTheEnd());
            } else {
                instruction(cx, pc, cx.plan.program().at(pc));
            }
        }
    }

    static void handlers(EmitContext cx) {
        CodeBuilder c = cx.code;
        // Recoveries first: their slow paths add fault ranges of their own.
        for (EmitContext.Recovery r : cx.recoveries()) {
            Label handler = c.newBoundLabel();
            c.exceptionCatch(r.start(), r.end(), handler, Descriptors.RUNTIME_EXCEPTION);
            c.pop();
            r.slowPath().run();
            c.goto_(r.resume());
        }
        for (EmitContext.FaultRange r : cx.faultRanges()) {
            Label handler = c.newBoundLabel();
            c.exceptionCatch(r.start(), r.end(), handler, Descriptors.MEMORY_FAULT);
            c.loadConstant(r.pc());
            c.invokestatic(Descriptors.SELF, "$memoryFault", Descriptors.MEMORY_FAULT_AT);
            c.athrow();
        }
    }

    /** r0 and r6-r9 start at 0, r10 at the top of this depth's frame, as the interpreter's calls do. */
    static void prologue(EmitContext cx) {
        CodeBuilder c = cx.code;
        if (cx.plan.hasBackwardJumps()) {
            if (cx.plan.hasLocalCalls()) {
                c.aload(cx.locals.state());
                c.getfield(Descriptors.RUN_STATE, "budget", CD_long);
            } else {
                c.loadConstant(cx.backwardJumpLimit);
            }
            c.lstore(cx.locals.budget());
        }
        for (Reg r : CLEARED) {
            c.lconst_0();
            cx.storeReg(r);
        }
        c.iload(cx.locals.depth());
        c.invokestatic(Descriptors.ADDRESS_SPACE, "stackTop", MethodTypeDesc.of(CD_long, CD_int));
        cx.storeReg(Reg.R10);
    }

    private static void instruction(EmitContext cx, int pc, Instruction i) {
        switch (i) {
            case Alu a -> AluEmitter.alu(cx, a);
            case Neg n -> AluEmitter.neg(cx, n);
            case MovSx m -> AluEmitter.movSx(cx, m);
            case ByteSwap s -> AluEmitter.byteSwap(cx, s);
            case LoadImm64 l when l.kind() == Imm64Kind.CONSTANT -> AluEmitter.loadImm64(cx, l);
            case LoadImm64 l when MapReferences.isMapReference(l) -> AluEmitter.loadMapReference(cx, pc, l);
            case Jump j -> JumpEmitter.jump(cx, pc, j);
            case Goto g -> JumpEmitter.goto_(cx, pc, g);
            case Load l -> MemoryEmitter.load(cx, pc, l);
            case Store s -> MemoryEmitter.store(cx, pc, s);
            case Atomic a -> MemoryEmitter.atomic(cx, pc, a);
            case Call call -> CallEmitter.call(cx, pc, call);
            case CallRegister call -> CallEmitter.callRegister(cx, pc, call);
            case CallLocal call -> CallEmitter.callLocal(cx, pc, call);
            case Exit e -> CallEmitter.exit(cx);
            // The interpreter's loader rejected these before planning began.
            case LoadImm64 l -> throw new IllegalStateException("unresolved lddw at " + pc);
            case PacketLoad p -> throw new IllegalStateException("packet load at " + pc);
            case CallKfunc k -> throw new IllegalStateException("kfunc call at " + pc);
        }
    }
}
