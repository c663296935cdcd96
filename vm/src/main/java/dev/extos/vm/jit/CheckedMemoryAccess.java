package dev.extos.vm.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.extos.isa.AtomicOp;
import dev.extos.isa.Operand;
import dev.extos.isa.Reg;
import dev.extos.isa.Size;
import java.lang.constant.MethodTypeDesc;

/**
 * Every access calls the checked {@link dev.extos.vm.AddressSpace} method the interpreter calls,
 * inside a guarded range, so bounds, permissions and fault messages are the interpreter's own.
 */
final class CheckedMemoryAccess implements MemoryAccessStrategy {
    private static final MethodTypeDesc LOAD = MethodTypeDesc.of(CD_long, CD_long);
    private static final MethodTypeDesc STORE = MethodTypeDesc.of(CD_void, CD_long, CD_long);
    private static final MethodTypeDesc ATOMIC = MethodTypeDesc.of(CD_long, Descriptors.ATOMIC_KIND, CD_long, CD_int, CD_long);
    private static final MethodTypeDesc CMPXCHG = MethodTypeDesc.of(CD_long, CD_long, CD_int, CD_long, CD_long);

    @Override
    public void load(EmitContext cx, int pc, Size size, Reg base, int offset) {
        cx.guarded(pc, () -> {
            cx.code.aload(cx.locals.memory());
            address(cx, base, offset);
            cx.code.invokevirtual(Descriptors.ADDRESS_SPACE, "load" + size.bytes() * 8, LOAD);
        });
    }

    @Override
    public void store(EmitContext cx, int pc, Size size, Reg base, int offset, Operand value) {
        cx.guarded(pc, () -> {
            cx.code.aload(cx.locals.memory());
            address(cx, base, offset);
            cx.loadLong(value);
            cx.code.invokevirtual(Descriptors.ADDRESS_SPACE, "store" + size.bytes() * 8, STORE);
        });
    }

    @Override
    public void atomic(EmitContext cx, int pc, AtomicOp op, Size size, Reg base, int offset, Reg value) {
        cx.guarded(pc, () -> {
            cx.code.aload(cx.locals.memory());
            if (op == AtomicOp.CMPXCHG) {
                address(cx, base, offset);
                cx.code.loadConstant(size.bytes());
                cx.loadReg(Reg.R0);
                cx.loadReg(value);
                cx.code.invokevirtual(Descriptors.ADDRESS_SPACE, "compareAndExchange", CMPXCHG);
            } else {
                cx.code.getstatic(Descriptors.ATOMIC_KIND, op.name(), Descriptors.ATOMIC_KIND);
                address(cx, base, offset);
                cx.code.loadConstant(size.bytes());
                cx.loadReg(value);
                cx.code.invokevirtual(Descriptors.ADDRESS_SPACE, "atomic", ATOMIC);
            }
        });
    }

    private static void address(EmitContext cx, Reg base, int offset) {
        cx.loadReg(base);
        if (offset != 0) {
            cx.code.loadConstant((long) offset);
            cx.code.ladd();
        }
    }
}
