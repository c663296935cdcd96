package dev.extos.vm.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.extos.isa.Instruction.Goto;
import dev.extos.isa.Instruction.Jump;
import dev.extos.isa.JumpCondition;
import dev.extos.isa.Width;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * Conditional and unconditional jumps become JVM branches to the target slot's label. A backward
 * jump (negative offset, as the interpreter counts them) first spends one unit of the run's
 * budget, held in a local so that a loop costs a decrement and a test, no memory access; code
 * planned without a budget (see {@link ProgramPlan#withoutBudget()}) jumps straight away.
 */
final class JumpEmitter {
    private JumpEmitter() {
    }

    private static final MethodTypeDesc LONG_COMPARE = MethodTypeDesc.of(CD_int, CD_long, CD_long);
    private static final MethodTypeDesc INT_COMPARE = MethodTypeDesc.of(CD_int, CD_int, CD_int);

    static void jump(EmitContext cx, int pc, Jump j) {
        Label target = cx.label(pc + 1 + j.offset());
        Opcode taken = compare(cx, j);
        if (j.offset() >= 0 || !cx.plan.hasBackwardJumps()) {
            cx.code.branch(taken, target);
            return;
        }
        Label notTaken = cx.code.newLabel();
        cx.code.branch(negate(taken), notTaken);
        spendBudget(cx, pc);
        cx.code.goto_(target);
        cx.code.labelBinding(notTaken);
    }

    static void goto_(EmitContext cx, int pc, Goto g) {
        if (g.offset() < 0 && cx.plan.hasBackwardJumps()) {
            spendBudget(cx, pc);
        }
        cx.code.goto_(cx.label(pc + 1 + g.offset()));
    }

    /** {@code if (--budget < 0) throw fault}, naming the jump as the interpreter does. */
    private static void spendBudget(EmitContext cx, int pc) {
        CodeBuilder c = cx.code;
        c.lload(cx.locals.budget());
        c.lconst_1();
        c.lsub();
        c.dup2();
        c.lstore(cx.locals.budget());
        c.lconst_0();
        c.lcmp();
        Label ok = c.newLabel();
        c.ifge(ok);
        cx.throwFault(pc, JitFaults.budgetSpent(cx.backwardJumpLimit));
        c.labelBinding(ok);
    }

    /** Pushes the comparison's operands and returns the branch opcode that jumps when it holds. */
    private static Opcode compare(EmitContext cx, Jump j) {
        CodeBuilder c = cx.code;
        JumpCondition cond = j.condition();
        if (j.width() == Width.W64) {
            cx.loadReg(j.dst());
            cx.loadLong(j.src());
            switch (cond) {
                case GT, GE, LT, LE -> c.invokestatic(ClassDesc.of("java.lang.Long"), "compareUnsigned", LONG_COMPARE);
                case SET -> {
                    c.land();
                    c.lconst_0();
                    c.lcmp();
                }
                default -> c.lcmp();
            }
            return zeroTest(cond);
        }
        cx.loadReg(j.dst());
        c.l2i();
        cx.loadInt(j.src());
        return switch (cond) {
            case GT, GE, LT, LE -> {
                c.invokestatic(ClassDesc.of("java.lang.Integer"), "compareUnsigned", INT_COMPARE);
                yield zeroTest(cond);
            }
            case SET -> {
                c.iand();
                yield Opcode.IFNE;
            }
            case EQ -> Opcode.IF_ICMPEQ;
            case NE -> Opcode.IF_ICMPNE;
            case SGT -> Opcode.IF_ICMPGT;
            case SGE -> Opcode.IF_ICMPGE;
            case SLT -> Opcode.IF_ICMPLT;
            case SLE -> Opcode.IF_ICMPLE;
        };
    }

    /** The branch on a three-way comparison result (or an and, for SET) that holds when {@code cond} does. */
    private static Opcode zeroTest(JumpCondition cond) {
        return switch (cond) {
            case EQ -> Opcode.IFEQ;
            case NE, SET -> Opcode.IFNE;
            case GT, SGT -> Opcode.IFGT;
            case GE, SGE -> Opcode.IFGE;
            case LT, SLT -> Opcode.IFLT;
            case LE, SLE -> Opcode.IFLE;
        };
    }

    private static Opcode negate(Opcode op) {
        return switch (op) {
            case IFEQ -> Opcode.IFNE;
            case IFNE -> Opcode.IFEQ;
            case IFLT -> Opcode.IFGE;
            case IFGE -> Opcode.IFLT;
            case IFGT -> Opcode.IFLE;
            case IFLE -> Opcode.IFGT;
            case IF_ICMPEQ -> Opcode.IF_ICMPNE;
            case IF_ICMPNE -> Opcode.IF_ICMPEQ;
            case IF_ICMPLT -> Opcode.IF_ICMPGE;
            case IF_ICMPGE -> Opcode.IF_ICMPLT;
            case IF_ICMPGT -> Opcode.IF_ICMPLE;
            case IF_ICMPLE -> Opcode.IF_ICMPGT;
            default -> throw new IllegalArgumentException("not a conditional branch: " + op);
        };
    }
}
