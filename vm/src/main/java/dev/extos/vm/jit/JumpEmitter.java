package dev.extos.vm.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.extos.isa.Instruction.Goto;
import dev.extos.isa.Instruction.Jump;
import dev.extos.isa.JumpCondition;
import dev.extos.isa.Imm;
import dev.extos.isa.Operand;
import dev.extos.isa.Reg;
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

    private static final ClassDesc LONG = ClassDesc.of("java.lang.Long");
    private static final ClassDesc INTEGER = ClassDesc.of("java.lang.Integer");
    private static final MethodTypeDesc LONG_COMPARE = MethodTypeDesc.of(CD_int, CD_long, CD_long);
    private static final MethodTypeDesc INT_COMPARE = MethodTypeDesc.of(CD_int, CD_int, CD_int);


    static void jump(EmitContext cx, int pc, Jump j) {
        Label target = cx.label(pc + 1 + j.offset());
        if (j.offset() >= 0 || !cx.plan.hasBackwardJumps()) {
            branchIf(cx, j, target);
            return;
        }
        Label taken = cx.code.newLabel();
        Label notTaken = cx.code.newLabel();
        branchIf(cx, j, taken);
        cx.code.goto_(notTaken);
        cx.code.labelBinding(taken);
        spendBudget(cx, pc);
        cx.code.goto_(target);
        cx.code.labelBinding(notTaken);
    }

    /** Emits a branch to {@code whenTrue} taken exactly when {@code j}'s condition holds; falls through otherwise. */
    private static void branchIf(EmitContext cx, Jump j, Label whenTrue) {
        switch (j.condition()) {
            case GT, GE, LT, LE -> unsignedBranch(cx, j, whenTrue);
            default -> cx.code.branch(compare(cx, j), whenTrue);
        }
    }

    /**
     * An unsigned comparison as a signed one when neither operand is negative, the case C2
     * sees in practice (counters, lengths, offsets): the sign tests are branches the profile
     * shows are never taken, which C2 leaves out of the loop (the one on a loop-invariant operand
     * is hoisted, the one on a counter follows from its range), so the loop's test becomes a
     * plain signed compare that C2 can make a counted loop of (range-check elimination,
     * unrolling). An operand with its top bit set takes the exact {@code compareUnsigned}.
     */
    private static void unsignedBranch(EmitContext cx, Jump j, Label whenTrue) {
        CodeBuilder c = cx.code;
        boolean wide = j.width() == Width.W64;
        Label slow = c.newLabel();
        Label done = c.newLabel();
        boolean negativeImm = j.src() instanceof Imm(int v) && v < 0;
        if (negativeImm) {
            c.goto_(slow); // the immediate is huge unsigned: only the exact compare is right
        } else {
            if (j.src() instanceof Reg src) {
                signTest(cx, src, wide, slow);
            }
            signTest(cx, j.dst(), wide, slow);
            operand(cx, j.dst(), wide);
            operand(cx, j.src(), wide);
            if (wide) {
                c.lcmp();
                c.branch(zeroTest(j.condition()), whenTrue);
            } else {
                c.branch(switch (j.condition()) {
                    case GT -> Opcode.IF_ICMPGT;
                    case GE -> Opcode.IF_ICMPGE;
                    case LT -> Opcode.IF_ICMPLT;
                    default -> Opcode.IF_ICMPLE;
                }, whenTrue);
            }
            c.goto_(done);
        }
        c.labelBinding(slow);
        operand(cx, j.dst(), wide);
        operand(cx, j.src(), wide);
        c.invokestatic(wide ? LONG : INTEGER, "compareUnsigned", wide ? LONG_COMPARE : INT_COMPARE);
        c.branch(zeroTest(j.condition()), whenTrue);
        c.labelBinding(done);
    }

    /** Jumps to {@code negative} when {@code r} (its low half, for 32-bit) is negative as a signed number. */
    private static void signTest(EmitContext cx, Reg r, boolean wide, Label negative) {
        operand(cx, r, wide);
        if (wide) {
            cx.code.lconst_0();
            cx.code.lcmp();
        }
        cx.code.iflt(negative);
    }

    private static void operand(EmitContext cx, Operand o, boolean wide) {
        if (wide) {
            cx.loadLong(o);
        } else {
            cx.loadInt(o);
        }
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

    /** Pushes the operands of a signed, equality or bit-test comparison and returns the branch opcode that jumps when it holds. */
    private static Opcode compare(EmitContext cx, Jump j) {
        CodeBuilder c = cx.code;
        JumpCondition cond = j.condition();
        if (j.width() == Width.W64) {
            cx.loadReg(j.dst());
            cx.loadLong(j.src());
            switch (cond) {
                case GT, GE, LT, LE -> throw new IllegalArgumentException("unsigned conditions are unsignedBranch's");
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
            case GT, GE, LT, LE -> throw new IllegalArgumentException("unsigned conditions are unsignedBranch's");
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
}
