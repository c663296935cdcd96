package dev.extos.verifier.engine;

import dev.extos.isa.AtomicOp;
import dev.extos.isa.Instruction;
import dev.extos.isa.MapSpec;
import dev.extos.isa.Reg;
import dev.extos.verifier.ContextField;
import dev.extos.verifier.FieldKind;
import dev.extos.verifier.RegionKind;
import dev.extos.verifier.domain.Scalar;
import dev.extos.verifier.domain.ScalarAlu;
import dev.extos.verifier.state.Area;
import dev.extos.verifier.state.Frame;
import dev.extos.verifier.state.RegType;
import dev.extos.verifier.state.RegType.PtrToPacket;
import dev.extos.verifier.state.Stack;
import dev.extos.verifier.state.State;

/** Loads, stores and atomics: each access must lie inside the region of the pointer used, with the right rights. */
final class MemoryRule {
    private MemoryRule() {
    }

    private enum Access {
        READ("read"), WRITE("write"), ATOMIC("atomic update");

        final String word;

        Access(String word) {
            this.word = word;
        }
    }

    static State load(Instruction.Load l, State s, Env env) {
        RegType ptr = pointer(s, l.src());
        int size = l.size().bytes();
        RegType value = switch (ptr) {
            case RegType.PtrToCtx(Scalar off) -> contextLoad(off, l.offset(), size, l.signExtend(), env);
            case RegType.PtrToStack st -> {
                env.touch(RegionKind.STACK);
                yield stackRead(s, st, l.offset(), size);
            }
            default -> {
                checkBuffer(ptr, l.offset(), size, Access.READ, env, true);
                yield RegType.scalar(Scalar.ofWidth(size * 8));
            }
        };
        if (l.signExtend() && value instanceof RegType.ScalarReg(Scalar v)) {
            value = RegType.scalar(ScalarAlu.signExtend(v, size * 8));
        }
        return s.withReg(l.dst(), value);
    }

    static State store(Instruction.Store st, State s, Env env) {
        RegType ptr = pointer(s, st.dst());
        int size = st.size().bytes();
        RegType value = Regs.read(s, st.src());
        if (ptr instanceof RegType.PtrToStack sp) {
            env.touch(RegionKind.STACK);
            return stackWrite(s, sp, st.offset(), size, value);
        }
        if (value.isPointer()) {
            throw new VerifyError("storing pointer " + st.src() + "=" + value + " into " + regionName(ptr)
                    + " would leak it (pointers may only be spilled to the stack)");
        }
        if (ptr instanceof RegType.PtrToCtx(Scalar off)) {
            contextStore(off, st.offset(), size, env);
            return s;
        }
        checkBuffer(ptr, st.offset(), size, Access.WRITE, env, true);
        return s;
    }

    static State atomic(Instruction.Atomic a, State s, Env env) {
        RegType ptr = pointer(s, a.dst());
        int size = a.size().bytes();
        Scalar operand = Regs.scalar(s, a.src(), "atomic " + a.op().mnemonic());
        if (a.op() == AtomicOp.CMPXCHG) {
            Regs.scalar(s, Reg.R0, "atomic cmpxchg comparand");
        }
        State out = s;
        switch (ptr) {
            case RegType.PtrToStack sp -> {
                env.touch(RegionKind.STACK);
                RegType old = stackRead(s, sp, a.offset(), size);
                if (old.isPointer()) {
                    throw new VerifyError("atomic update of a spilled pointer at " + sp);
                }
                out = stackWrite(s, sp, a.offset(), size, RegType.scalar(Scalar.UNKNOWN));
            }
            case RegType.PtrToMem m -> checkBuffer(ptr, a.offset(), size, Access.ATOMIC, env, true);
            case RegType.MapValue m -> checkBuffer(ptr, a.offset(), size, Access.ATOMIC, env, true);
            case RegType.PtrToRingbuf r -> checkBuffer(ptr, a.offset(), size, Access.ATOMIC, env, true);
            default -> throw new VerifyError("atomic operations are only allowed on the stack, memory, map values and"
                    + " ring-buffer memory, not on " + regionName(ptr));
        }
        if (a.fetch() || a.op().alwaysFetches()) {
            Reg target = a.op() == AtomicOp.CMPXCHG ? Reg.R0 : a.src();
            out = out.withReg(target, RegType.scalar(Scalar.ofWidth(size * 8)));
        }
        return out;
    }

    private static RegType pointer(State s, Reg r) {
        RegType t = Regs.read(s, r);
        if (!t.isPointer()) {
            throw new VerifyError("memory access through " + r + "=" + t + ", which is not a pointer");
        }
        if (t instanceof RegType.MapHandle) {
            throw new VerifyError("memory access through map handle " + r + "=" + t
                    + ": a map is only passed to helpers (map_lookup_elem gives a pointer into a value)");
        }
        return t;
    }

    // ---- context

    private static RegType contextLoad(Scalar off, int insnOff, int size, boolean signExtend, Env env) {
        ContextField f = contextField(off, insnOff, size, "read", env);
        if (f.kind() != FieldKind.SCALAR && signExtend) {
            throw new VerifyError("sign-extending load of the pointer field " + f.name());
        }
        return switch (f.kind()) {
            case SCALAR -> RegType.scalar(Scalar.ofWidth(size * 8));
            case PACKET_START -> new PtrToPacket(Area.DATA, 0, Scalar.constant(0), 0, 0);
            case PACKET_END -> new RegType.PacketEnd(Area.DATA);
            case PACKET_META -> new PtrToPacket(Area.META, 0, Scalar.constant(0), 0, 0);
            case ARGS_START -> new PtrToPacket(Area.ARGS, 0, Scalar.constant(0), 0, 0);
            case ARGS_END -> new RegType.PacketEnd(Area.ARGS);
        };
    }

    private static void contextStore(Scalar off, int insnOff, int size, Env env) {
        ContextField f = contextField(off, insnOff, size, "write", env);
        if (!f.writable()) {
            throw new VerifyError("context field " + f.name() + " is read-only in " + env.type().name() + " programs");
        }
    }

    private static ContextField contextField(Scalar off, int insnOff, int size, String what, Env env) {
        env.touch(RegionKind.CONTEXT);
        if (!off.isConstant()) {
            throw new VerifyError("context " + what + " through a pointer with variable offset " + off + " is not allowed");
        }
        long at = off.constantValue() + insnOff;
        ContextField f = env.type().fieldAt(at);
        if (f == null || f.offset() != at || f.size() != size) {
            throw new VerifyError("invalid " + what + " of " + size + " bytes at context offset " + at + " ("
                    + env.type().name() + " context fields: " + fieldList(env) + ")");
        }
        env.touchContextField(f.offset());
        return f;
    }

    private static String fieldList(Env env) {
        StringBuilder b = new StringBuilder();
        for (ContextField f : env.type().context()) {
            b.append(b.isEmpty() ? "" : ", ").append(f.name()).append('@').append(f.offset()).append('/').append(f.size());
        }
        return b.isEmpty() ? "none" : b.toString();
    }

    // ---- packet, memory, map values

    /** Checks an access through a pointer to a bounded region; {@code record} notes the region in the facts. */
    private static void checkBuffer(RegType ptr, int insnOff, long size, Access access, Env env, boolean record) {
        switch (ptr) {
            case PtrToPacket p -> checkPacket(p, insnOff, size, access, env, record);
            case RegType.PtrToMem(long limit, Scalar off) -> {
                if (record) {
                    env.touch(RegionKind.MEMORY);
                }
                checkRange(off, insnOff, size, limit, "memory", access);
            }
            case RegType.MapValue m -> {
                if (record) {
                    env.touch(RegionKind.MAP_VALUE);
                    env.touchMap(m.mapId());
                }
                if (m.maybeNull()) {
                    throw new VerifyError(access.word + " through " + m + ", which may be null; compare it with 0 first");
                }
                MapSpec spec = env.maps().get(m.mapId());
                if (access != Access.READ && spec.readOnly()) {
                    throw new VerifyError(access.word + " into read-only map " + m.mapId() + " (" + spec.name()
                            + "): its values may only be read");
                }
                checkRange(m.off(), insnOff, size, m.size(), "map value", access);
            }
            case RegType.PtrToRingbuf r -> {
                if (record) {
                    env.touch(RegionKind.RINGBUF);
                }
                if (r.maybeNull()) {
                    throw new VerifyError(access.word + " through " + r + ", which may be null; compare it with 0 first");
                }
                checkRange(r.off(), insnOff, size, r.size(), "ring-buffer memory", access);
            }
            default -> throw new VerifyError(access.word + " through " + ptr + " is not allowed");
        }
    }

    private static void checkRange(Scalar off, int insnOff, long size, long limit, String what, Access access) {
        long lo = off.smin() + insnOff;
        long hi = off.smax() + insnOff + size;
        if (lo < 0 || hi > limit) {
            String at = off.isConstant() ? Long.toString(lo) : "[" + lo + ", " + (hi - size) + "]";
            throw new VerifyError(access.word + " of " + size + " bytes at " + what + "+" + at + " is outside the "
                    + limit + "-byte " + what);
        }
    }

    private static void checkPacket(PtrToPacket p, int insnOff, long size, Access access, Env env, boolean record) {
        if (record) {
            env.touch(p.area().region());
        }
        if (access == Access.ATOMIC) {
            throw new VerifyError("atomic operations on " + areaName(p.area()) + " are not allowed");
        }
        if (access == Access.WRITE && (p.area() == Area.ARGS || !env.type().packetWritable())) {
            throw new VerifyError(areaName(p.area()) + " is read-only in " + env.type().name() + " programs");
        }
        long at = p.off() + insnOff;
        String where = areaName(p.area()) + "+" + (p.id() == 0 ? "" : "var+") + at;
        if (at < 0) {
            throw new VerifyError(access.word + " of " + size + " bytes at " + where + " is before the start of "
                    + areaName(p.area()));
        }
        if (at + size > p.range()) {
            throw new VerifyError(access.word + " of " + size + " bytes at " + where + " but only " + p.range()
                    + " bytes are known to be in bounds");
        }
    }

    private static String areaName(Area a) {
        return switch (a) {
            case DATA -> "packet";
            case META -> "packet metadata";
            case ARGS -> "args";
        };
    }

    private static String regionName(RegType ptr) {
        return switch (ptr) {
            case RegType.PtrToCtx c -> "the context";
            case RegType.PtrToStack st -> "the stack";
            case PtrToPacket p -> areaName(p.area());
            case RegType.PtrToMem m -> "memory";
            case RegType.MapValue m -> "a map value";
            case RegType.PtrToRingbuf r -> "ring-buffer memory";
            default -> ptr.toString();
        };
    }

    // ---- memory a helper reads or writes

    /**
     * A helper's access to the bytes an argument points to: reading needs [0, maxSize) past the
     * pointer readable (and, on the stack, initialised and free of pointer bits); writing needs
     * them writable. Returns the state after the helper ran: stack bytes it surely writes
     * ([0, minSize) at a constant offset) become initialised, the rest of the span maybe written.
     */
    static State helperAccess(State s, RegType ptr, long minSize, long maxSize, boolean write, Env env) {
        return switch (ptr) {
            case RegType.PtrToStack sp -> helperStack(s, sp, minSize, maxSize, write);
            case RegType.PtrToCtx c -> throw new VerifyError("the context " + c + " cannot be passed as a memory buffer");
            case RegType.MapHandle h -> throw new VerifyError("map handle " + h + " is not a pointer to memory");
            default -> {
                if (!ptr.isPointer()) {
                    throw new VerifyError(ptr + " is not a pointer to memory");
                }
                checkBuffer(ptr, 0, maxSize, write ? Access.WRITE : Access.READ, env, false);
                yield s;
            }
        };
    }

    private static State helperStack(State s, RegType.PtrToStack sp, long minSize, long maxSize, boolean write) {
        String what = write ? "write" : "read";
        if (maxSize > Stack.SIZE) {
            throw new VerifyError("helper " + what + " of up to " + maxSize + " bytes through " + sp + " exceeds the "
                    + Stack.SIZE + "-byte stack frame");
        }
        int[] span = stackSpan(sp, 0, (int) maxSize, what);
        int from = span[0];
        int to = span[1];
        Frame frame = s.frames().get(sp.frame());
        Stack stack = frame.stack();
        if (!write) {
            for (int i = from; i < to; i++) {
                if (stack.kind(i) == Stack.INVALID) {
                    throw new VerifyError("helper reads uninitialised stack: byte fp" + (i - Stack.SIZE) + " of " + maxSize
                            + " bytes at " + sp + " was never written");
                }
                RegType spilled = stack.spill(i);
                if (spilled != null && spilled.isPointer()) {
                    throw new VerifyError("helper would read the pointer " + spilled + " spilled at fp" + ((i & ~7) - Stack.SIZE)
                            + " as data");
                }
            }
            return s;
        }
        // Bytes surely written: the first minSize at a known offset; the others may or may not be.
        int sure = sp.off().isConstant() ? from + (int) minSize : from;
        for (int i = from; i < to; i++) {
            RegType spilled = stack.spill(i);
            int base = i & ~7;
            if (spilled != null && spilled.isPointer() && (base < from || base + 8 > sure)) {
                throw new VerifyError("helper write through " + sp + " may overwrite part of the pointer " + spilled
                        + " spilled at fp" + (base - Stack.SIZE) + ", leaving address bits readable");
            }
        }
        Stack out = stack;
        if (sure > from) {
            out = out.withData(from, sure - from, Stack.MISC);
        }
        if (to > sure) {
            out = out.withMaybeWritten(sure, to);
        }
        return s.withFrame(sp.frame(), frame.withStack(out));
    }

    // ---- stack

    /** Index of the first byte accessed in the frame, for a constant offset; rejects accesses outside the frame. */
    private static int[] stackSpan(RegType.PtrToStack sp, int insnOff, int size, String what) {
        long lo = sp.off().smin() + insnOff;
        long hi = sp.off().smax() + insnOff + size;
        if (lo < -Stack.SIZE || hi > 0) {
            String at = sp.off().isConstant() ? "fp" + lo : "fp[" + lo + ", " + (hi - size) + "]";
            throw new VerifyError("invalid stack " + what + " of " + size + " bytes at " + at + " (a frame is the "
                    + Stack.SIZE + " bytes below r10)");
        }
        return new int[] {(int) (lo + Stack.SIZE), (int) (hi + Stack.SIZE)};
    }

    private static RegType stackRead(State s, RegType.PtrToStack sp, int insnOff, int size) {
        Stack stack = s.frames().get(sp.frame()).stack();
        int[] span = stackSpan(sp, insnOff, size, "read");
        int from = span[0];
        int to = span[1];
        if (stack.anyInvalid(from, to)) {
            throw new VerifyError("read of uninitialised stack: " + size + " bytes at fp" + (from - Stack.SIZE)
                    + (sp.off().isConstant() ? "" : " (some offset in " + sp.off() + ")"));
        }
        RegType spill = stack.spill(from);
        if (sp.off().isConstant() && size == 8 && (from & 7) == 0 && spill != null) {
            return spill; // a fill: the register comes back with its full type
        }
        for (int i = from; i < to; i++) {
            RegType part = stack.spill(i);
            if (part != null && part.isPointer()) {
                throw new VerifyError("partial read of the pointer spilled at fp" + ((i & ~7) - Stack.SIZE));
            }
        }
        if (sp.off().isConstant() && stack.allZero(from, to)) {
            return RegType.scalar(Scalar.constant(0));
        }
        if (sp.off().isConstant() && spill instanceof RegType.ScalarReg(Scalar v) && (from & 7) == 0) {
            return RegType.scalar(ScalarAlu.truncate(v, size * 8)); // low bytes of a spilled scalar (little-endian)
        }
        return RegType.scalar(Scalar.ofWidth(size * 8));
    }

    private static State stackWrite(State s, RegType.PtrToStack sp, int insnOff, int size, RegType value) {
        Frame frame = s.frames().get(sp.frame());
        Stack stack = frame.stack();
        int[] span = stackSpan(sp, insnOff, size, "write");
        int from = span[0];
        boolean wholeSlot = sp.off().isConstant() && size == 8 && (from & 7) == 0;
        if (!wholeSlot) {
            // What is left of a partly overwritten pointer would be readable data: address bits
            // the program could hand to the application (the kernel refuses it to unprivileged loaders).
            for (int i = from; i < span[1]; i++) {
                RegType spilled = stack.spill(i);
                if (spilled != null && spilled.isPointer()) {
                    throw new VerifyError("write of " + size + " byte" + (size == 1 ? "" : "s") + " would overwrite part of spilled pointer "
                            + spilled + " at fp" + ((i & ~7) - Stack.SIZE) + ", leaving address bits readable");
                }
            }
        }
        Stack out;
        if (!sp.off().isConstant()) {
            if (value.isPointer()) {
                throw new VerifyError("spilling pointer " + value + " at a variable stack offset is not allowed");
            }
            out = stack.withMaybeWritten(from, span[1]);
        } else if (size == 8 && (from & 7) == 0) {
            out = stack.withSpill(from, value);
        } else if (value.isPointer()) {
            throw new VerifyError("partial spill of pointer " + value + ": pointers need an aligned 8-byte store");
        } else {
            boolean zero = value instanceof RegType.ScalarReg(Scalar v) && v.isConstant() && (v.constantValue() & mask(size)) == 0;
            out = stack.withData(from, size, zero ? Stack.ZERO : Stack.MISC);
        }
        return s.withFrame(sp.frame(), frame.withStack(out));
    }

    private static long mask(int size) {
        return size == 8 ? -1L : (1L << (size * 8)) - 1;
    }
}
