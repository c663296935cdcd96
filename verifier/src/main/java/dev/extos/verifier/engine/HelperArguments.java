package dev.extos.verifier.engine;

import dev.extos.isa.MapSpec;
import dev.extos.isa.Reg;
import dev.extos.verifier.HelperCatalog;
import dev.extos.verifier.HelperPrototype;
import dev.extos.verifier.HelperPrototype.Argument;
import dev.extos.verifier.domain.Scalar;
import dev.extos.verifier.state.Area;
import dev.extos.verifier.state.RegType;
import dev.extos.verifier.state.State;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a helper call's argument registers against its prototype, one at a time and in order
 * (a map argument gives the key and value sizes of the later ones), and collects what the call
 * does to the state: stack bytes the helper writes, the reference it releases.
 */
final class HelperArguments {
    /** The largest size a memory argument may have (the kernel's BPF_MAX_VAR_SIZ). */
    private static final long MAX_SIZE = 1L << 29;

    /** Helpers that change the map they are given (refused for read-only maps, as the kernel does with BPF_F_RDONLY_PROG). */
    private static final Set<Integer> MODIFY_MAP = Set.of(HelperCatalog.MAP_UPDATE_ELEM.id(), HelperCatalog.MAP_DELETE_ELEM.id(),
            HelperCatalog.MAP_PUSH_ELEM.id(), HelperCatalog.MAP_POP_ELEM.id(), HelperCatalog.RINGBUF_OUTPUT.id(),
            HelperCatalog.RINGBUF_RESERVE.id());

    private final HelperPrototype proto;
    private final State before;
    private final Env env;
    private State after;
    private int mapId = -1;
    private int released;

    HelperArguments(HelperPrototype proto, State before, Env env) {
        this.proto = proto;
        this.before = before;
        this.env = env;
        this.after = before;
    }

    /** The state after the helper ran (before r0-r5 are set). */
    State after() {
        return after;
    }

    /** The map given as the CONST_MAP argument, or -1. */
    int mapId() {
        return mapId;
    }

    /** The reference a RINGBUF_MEMORY argument releases, or 0. */
    int released() {
        return released;
    }

    /** Checks argument {@code i} (register r{@code i+1}). */
    void check(int i) {
        Reg reg = Reg.of(i + 1);
        RegType arg = Regs.read(before, reg);
        switch (proto.arguments().get(i)) {
            case SCALAR -> scalar(arg);
            case CONST_MAP -> constMap(arg);
            case MAP_KEY -> after = memory(arg, map().keySize(), map().keySize(), false);
            case MAP_VALUE -> after = memory(arg, map().valueSize(), map().valueSize(), false);
            case UNINIT_MAP_VALUE -> after = memory(arg, map().valueSize(), map().valueSize(), true);
            case CONTEXT -> {
                if (!(arg instanceof RegType.PtrToCtx(Scalar off)) || !off.isConstant() || off.constantValue() != 0) {
                    throw new VerifyError("expected the context pointer at offset 0, not " + arg);
                }
            }
            case RECORD_MEMORY -> {
                if (arg instanceof RegType.PtrToPacket p && p.area() != Area.META) {
                    recordBytes(p, i + 1);
                } else {
                    Scalar size = size(i + 1);
                    after = memory(arg, size.umin(), size.umax(), false);
                }
            }
            case READ_MEMORY, WRITE_MEMORY -> {
                Scalar size = size(i + 1);
                after = memory(arg, size.umin(), size.umax(), proto.arguments().get(i) == Argument.WRITE_MEMORY);
            }
            case SIZE, SIZE_OR_ZERO -> {
                if (i == 0 || !isMemory(proto.arguments().get(i - 1))) {
                    throw new IllegalStateException("helper " + proto.name() + ": a size must follow a memory argument");
                }
            }
            case WRITE_U64 -> after = memory(arg, 8, 8, true);
            case RINGBUF_MEMORY -> ringbufMemory(arg);
        }
    }

    private static boolean isMemory(Argument a) {
        return a == Argument.READ_MEMORY || a == Argument.WRITE_MEMORY || a == Argument.RECORD_MEMORY;
    }

    /**
     * A record buffer: the helper clamps its end to the data's end at run time, so only its start
     * must be proven: not before the data's start. Its length may be any initialised scalar.
     */
    private void recordBytes(RegType.PtrToPacket p, int sizeIndex) {
        if (p.off() < 0 || p.varOff().smin() < 0) {
            throw new VerifyError("the buffer " + p + " may start before the " + p.area().label() + " data");
        }
        Reg reg = Reg.of(sizeIndex + 1);
        if (!(Regs.read(before, reg) instanceof RegType.ScalarReg)) {
            throw new VerifyError("its size " + reg + "=" + Regs.read(before, reg) + " is not a scalar");
        }
    }

    private void scalar(RegType arg) {
        if (!(arg instanceof RegType.ScalarReg)) {
            throw new VerifyError("expected a scalar, not pointer " + arg);
        }
    }

    private void constMap(RegType arg) {
        if (!(arg instanceof RegType.MapHandle(int id))) {
            throw new VerifyError("expected a map handle (lddw map_fd), not " + arg);
        }
        MapSpec m = env.maps().get(id);
        if (!proto.mapTypes().contains(m.type())) {
            throw new VerifyError("map " + id + " (" + m.name() + ") is a " + m.type().label() + " map, but " + proto.name()
                    + " takes only " + proto.mapTypes().stream().map(t -> t.label()).sorted().collect(Collectors.joining(", "))
                    + " maps");
        }
        if (m.readOnly() && MODIFY_MAP.contains(proto.id())) {
            throw new VerifyError("map " + id + " (" + m.name() + ") is read-only, but " + proto.name() + " changes its contents");
        }
        mapId = id;
    }

    private MapSpec map() {
        if (mapId < 0) {
            throw new IllegalStateException("helper " + proto.name() + ": map key and value arguments need a map argument first");
        }
        return env.maps().get(mapId);
    }

    /** The size argument in r{@code index+1}: a scalar with a known bound, positive unless the prototype allows 0. */
    private Scalar size(int index) {
        Argument kind = proto.arguments().get(index);
        if (kind != Argument.SIZE && kind != Argument.SIZE_OR_ZERO) {
            throw new IllegalStateException("helper " + proto.name() + ": a memory argument must be followed by its size");
        }
        Reg reg = Reg.of(index + 1);
        RegType t = Regs.read(before, reg);
        if (!(t instanceof RegType.ScalarReg(Scalar v))) {
            throw new VerifyError("its size " + reg + "=" + t + " is not a scalar");
        }
        if (v.smin() < 0 || Long.compareUnsigned(v.umax(), MAX_SIZE) >= 0) {
            throw new VerifyError("its size " + reg + "=" + v + " has no upper bound below 2^29 (or may be negative);"
                    + " bound it with 'and' or a comparison first");
        }
        if (kind == Argument.SIZE && v.umin() == 0) {
            throw new VerifyError("its size " + reg + "=" + v + " may be 0, which " + proto.name() + " does not accept");
        }
        return v;
    }

    /** Reads are checked against the state before the call; writes apply on top of earlier arguments' writes. */
    private State memory(RegType arg, long minSize, long maxSize, boolean write) {
        if (write) {
            return MemoryRule.helperAccess(after, arg, minSize, maxSize, true, env);
        }
        MemoryRule.helperAccess(before, arg, minSize, maxSize, false, env);
        return after;
    }

    private void ringbufMemory(RegType arg) {
        if (!(arg instanceof RegType.PtrToRingbuf r)) {
            throw new VerifyError("expected memory from ringbuf_reserve, not " + arg);
        }
        if (r.maybeNull()) {
            throw new VerifyError(r + " may be null; compare it with 0 first");
        }
        if (!r.off().isConstant() || r.off().constantValue() != 0) {
            throw new VerifyError(r + " must point to the start of the reservation (offset 0)");
        }
        if (!before.refs().contains(r.ref())) {
            throw new VerifyError(r + " was already released");
        }
        released = r.ref();
    }
}
