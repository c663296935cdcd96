package dev.extos.vm.jit;

import dev.extos.isa.AtomicOp;
import dev.extos.isa.Instruction.Atomic;
import dev.extos.isa.Instruction.Load;
import dev.extos.isa.Instruction.Store;
import dev.extos.isa.Reg;

/** Loads (zero- and sign-extending), stores and atomics; the access itself is the strategy's. */
final class MemoryEmitter {
    private MemoryEmitter() {
    }

    static void load(EmitContext cx, int pc, Load l) {
        cx.memory.load(cx, pc, l.size(), l.src(), l.offset());
        if (l.signExtend()) {
            cx.code.l2i();
            switch (l.size()) {
                case B -> cx.code.i2b();
                case H -> cx.code.i2s();
                default -> { }
            }
            cx.code.i2l();
        }
        cx.storeReg(l.dst());
    }

    static void store(EmitContext cx, int pc, Store s) {
        cx.memory.store(cx, pc, s.size(), s.dst(), s.offset(), s.src());
    }

    static void atomic(EmitContext cx, int pc, Atomic a) {
        cx.memory.atomic(cx, pc, a.op(), a.size(), a.dst(), a.offset(), a.src());
        if (a.op() == AtomicOp.CMPXCHG) {
            cx.storeReg(Reg.R0);
        } else if (a.fetch()) {
            cx.storeReg(a.src());
        } else {
            cx.code.pop2();
        }
    }
}
