package dev.extos.vm.jit;

import static java.lang.constant.ConstantDescs.CD_byte;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_short;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.extos.isa.AtomicOp;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.Atomic;
import dev.extos.isa.Instruction.Load;
import dev.extos.isa.Instruction.Store;
import dev.extos.isa.Operand;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import dev.extos.isa.Size;
import dev.extos.verifier.InstructionFacts;
import dev.extos.verifier.RegionKind;
import dev.extos.vm.AddressSpace;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.ValueLayout;

/**
 * Direct access for a verified program: where the verifier's facts name the one region kind an
 * instruction touches, the generated code reads or writes that region's {@link java.lang.foreign.MemorySegment}
 * at the address minus the region's base, with no region decoding. The segments come from
 * {@link AddressSpace#directSegments()} once per method entry (so a remap between runs is seen),
 * and the segment's own bounds and read-only checks keep the code memory-safe even if a fact were
 * wrong. A stack access through r10 uses the current frame at a constant offset; one through
 * another register indexes the region table by the address's high half, as the interpreter does.
 *
 * <p>Faults stay the interpreter's: when a direct access throws (out of bounds, read-only,
 * misaligned atomic, nothing mapped), an out-of-line handler redoes it through the checked
 * {@link CheckedMemoryAccess} path, which raises the exact {@link dev.extos.vm.MemoryFault}
 * (or, should the facts have been wrong, performs the access the interpreter would). Map values,
 * mixed regions and unreached instructions take the checked path.
 */
final class DirectMemoryAccess implements MemoryAccessStrategy {
    /** Segment slots (see {@link Locals#segment}): the region table, the current frame, then fixed regions. */
    private static final int TABLE = 0;
    private static final int FRAME = 1;
    private static final int[] FIXED_REGIONS = {-1, -1, AddressSpace.CONTEXT_REGION, AddressSpace.DATA_REGION,
            AddressSpace.META_REGION, AddressSpace.ARGS_REGION};
    private static final int CONTEXT = 2;
    private static final int DATA = 3;
    private static final int META = 4;
    private static final int ARGS = 5;
    /** Access through the region table, decoding the address's region (stack pointers other than r10). */
    private static final int DECODED = -2;
    private static final int CHECKED = -1;

    private static final MethodTypeDesc DIRECT_SEGMENTS = MethodTypeDesc.of(Descriptors.MEMORY_SEGMENT_ARRAY);

    private final InstructionFacts facts;
    private final MemoryAccessStrategy checked = new CheckedMemoryAccess();
    private final boolean[] used = new boolean[FIXED_REGIONS.length];

    DirectMemoryAccess(Program program, InstructionFacts facts) {
        this.facts = facts;
        for (int pc = 0; pc < program.slotCount(); pc++) {
            Instruction i = program.at(pc);
            Reg base = switch (i) {
                case Load l -> l.src();
                case Store s -> s.dst();
                case Atomic a -> a.dst();
                case null, default -> null;
            };
            if (base != null) {
                int t = target(pc, base);
                if (t != CHECKED) {
                    used[TABLE] = true;
                    if (t >= 0) {
                        used[t] = true;
                    }
                }
            }
        }
    }

    /** Where the access at {@code pc} through {@code base} goes: a segment slot, DECODED or CHECKED. */
    private int target(int pc, Reg base) {
        RegionKind kind = pc < facts.size() ? facts.region(pc) : null;
        if (kind == null) {
            return CHECKED;
        }
        return switch (kind) {
            case CONTEXT -> CONTEXT;
            // r10 is read-only (the verifier insists), so it always points at the current frame's top.
            case STACK -> base == Reg.R10 ? FRAME : DECODED;
            case PACKET, MEMORY -> DATA;
            case PACKET_META -> META;
            case ARGS -> ARGS;
            // Map values and ring-buffer records live in their map's region, known only from the address.
            case MAP_VALUE, RINGBUF -> DECODED;
            case MIXED -> CHECKED;
        };
    }

    @Override
    public void prologue(EmitContext cx) {
        if (!used[TABLE]) {
            return;
        }
        CodeBuilder c = cx.code;
        c.aload(cx.locals.memory());
        c.invokevirtual(Descriptors.ADDRESS_SPACE, "directSegments", DIRECT_SEGMENTS);
        c.astore(cx.locals.segment(TABLE));
        if (used[FRAME]) {
            c.aload(cx.locals.segment(TABLE));
            c.iload(cx.locals.depth());
            c.loadConstant(AddressSpace.FIRST_STACK_REGION);
            c.iadd();
            c.aaload();
            c.astore(cx.locals.segment(FRAME));
        }
        for (int k = CONTEXT; k < FIXED_REGIONS.length; k++) {
            if (used[k]) {
                c.aload(cx.locals.segment(TABLE));
                c.loadConstant(FIXED_REGIONS[k]);
                c.aaload();
                c.astore(cx.locals.segment(k));
            }
        }
    }

    @Override
    public void load(EmitContext cx, int pc, Size size, Reg base, int offset) {
        int t = target(pc, base);
        if (t == CHECKED) {
            checked.load(cx, pc, size, base, offset);
            return;
        }
        cx.withRecovery(() -> {
            CodeBuilder c = cx.code;
            segmentAndOffset(cx, t, base, offset, layout(size), null);
            c.invokeinterface(Descriptors.MEMORY_SEGMENT, "get", MethodTypeDesc.of(javaType(size), layout(size), CD_long));
            switch (size) {
                case B -> {
                    c.loadConstant(0xff);
                    c.iand();
                    c.i2l();
                }
                case H -> {
                    c.loadConstant(0xffff);
                    c.iand();
                    c.i2l();
                }
                case W -> cx.zeroExtend();
                case DW -> { }
            }
        }, () -> checked.load(cx, pc, size, base, offset));
    }

    @Override
    public void store(EmitContext cx, int pc, Size size, Reg base, int offset, Operand value) {
        int t = target(pc, base);
        if (t == CHECKED) {
            checked.store(cx, pc, size, base, offset, value);
            return;
        }
        cx.withRecovery(() -> {
            CodeBuilder c = cx.code;
            segmentAndOffset(cx, t, base, offset, layout(size), null);
            if (size == Size.DW) {
                cx.loadLong(value);
            } else {
                cx.loadInt(value);
                switch (size) {
                    case B -> c.i2b();
                    case H -> c.i2s();
                    default -> { }
                }
            }
            c.invokeinterface(Descriptors.MEMORY_SEGMENT, "set", MethodTypeDesc.of(CD_void, layout(size), CD_long, javaType(size)));
        }, () -> checked.store(cx, pc, size, base, offset, value));
    }

    @Override
    public void atomic(EmitContext cx, int pc, AtomicOp op, Size size, Reg base, int offset, Reg value) {
        int t = target(pc, base);
        if (t == CHECKED) {
            checked.atomic(cx, pc, op, size, base, offset, value);
            return;
        }
        cx.withRecovery(() -> {
            CodeBuilder c = cx.code;
            boolean wide = size == Size.DW;
            ClassDesc type = wide ? CD_long : CD_int;
            segmentAndOffset(cx, t, base, offset, null, size);
            if (op == AtomicOp.CMPXCHG) {
                operand(cx, Reg.R0, wide);
                operand(cx, value, wide);
                c.invokevirtual(Descriptors.VAR_HANDLE, "compareAndExchange",
                        MethodTypeDesc.of(type, Descriptors.MEMORY_SEGMENT, CD_long, type, type));
            } else {
                operand(cx, value, wide);
                c.invokevirtual(Descriptors.VAR_HANDLE, varHandleMethod(op), MethodTypeDesc.of(type, Descriptors.MEMORY_SEGMENT, CD_long, type));
            }
            if (!wide) {
                cx.zeroExtend();
            }
        }, () -> checked.atomic(cx, pc, op, size, base, offset, value));
    }

    /**
     * Pushes what the access needs before its value: for an atomic of size {@code atomic} the var
     * handle then the segment, for a plain access the segment then {@code layout}; then the offset.
     */
    private static void segmentAndOffset(EmitContext cx, int t, Reg base, int offset, ClassDesc layout, Size atomic) {
        CodeBuilder c = cx.code;
        if (t == DECODED) {
            cx.loadReg(base);
            if (offset != 0) {
                c.loadConstant((long) offset);
                c.ladd();
            }
            c.lstore(cx.locals.scratch());
        }
        if (atomic != null) {
            c.getstatic(Descriptors.DIRECT_ACCESS, atomic == Size.DW ? "ATOMIC64" : "ATOMIC32", Descriptors.VAR_HANDLE);
        }
        if (t == DECODED) {
            c.aload(cx.locals.segment(TABLE));
            c.lload(cx.locals.scratch());
            c.loadConstant(AddressSpace.REGION_SHIFT);
            c.lushr();
            c.l2i();
            c.aaload();
        } else {
            c.aload(cx.locals.segment(t));
        }
        if (layout != null) {
            c.getstatic(Descriptors.DIRECT_ACCESS, layoutField(layout), layout);
        }
        if (t == DECODED) {
            c.lload(cx.locals.scratch());
            c.loadConstant(0xffffffffL);
            c.land();
        } else if (t == FRAME) {
            // r10 is the frame's top: base + STACK_SIZE.
            c.loadConstant((long) AddressSpace.STACK_SIZE + offset);
        } else {
            // The offset is the address minus the region's base, not its low half: for an address
            // in another region (a wrong fact) it falls outside the segment and the checked path
            // takes over, and it stays linear in the registers, which lets C2 hoist bounds checks.
            cx.loadReg(base);
            c.loadConstant((long) offset - AddressSpace.base(FIXED_REGIONS[t]));
            c.ladd();
        }
    }

    private static void operand(EmitContext cx, Reg r, boolean wide) {
        cx.loadReg(r);
        if (!wide) {
            cx.code.l2i();
        }
    }

    private static String varHandleMethod(AtomicOp op) {
        return switch (op) {
            case ADD -> "getAndAdd";
            case OR -> "getAndBitwiseOr";
            case AND -> "getAndBitwiseAnd";
            case XOR -> "getAndBitwiseXor";
            case XCHG -> "getAndSet";
            case CMPXCHG -> "compareAndExchange";
        };
    }

    private static final ClassDesc OF_BYTE = desc(ValueLayout.OfByte.class);
    private static final ClassDesc OF_SHORT = desc(ValueLayout.OfShort.class);
    private static final ClassDesc OF_INT = desc(ValueLayout.OfInt.class);
    private static final ClassDesc OF_LONG = desc(ValueLayout.OfLong.class);

    private static ClassDesc layout(Size size) {
        return switch (size) {
            case B -> OF_BYTE;
            case H -> OF_SHORT;
            case W -> OF_INT;
            case DW -> OF_LONG;
        };
    }

    private static String layoutField(ClassDesc layout) {
        return layout == OF_BYTE ? "U8" : layout == OF_SHORT ? "U16" : layout == OF_INT ? "U32" : "U64";
    }

    private static ClassDesc javaType(Size size) {
        return switch (size) {
            case B -> CD_byte;
            case H -> CD_short;
            case W -> CD_int;
            case DW -> CD_long;
        };
    }

    private static ClassDesc desc(Class<?> c) {
        return c.describeConstable().orElseThrow();
    }
}
