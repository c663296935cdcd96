package dev.extos.verifier;

import dev.extos.isa.AtomicOp;
import dev.extos.isa.Imm;
import dev.extos.isa.Instruction;
import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import dev.extos.isa.Operand;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import dev.extos.isa.SwapKind;
import dev.extos.isa.Width;
import dev.extos.verifier.domain.Concrete;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A small, strict reference interpreter for the soundness tests (the verifier must not depend on
 * the vm module). Each region has its own base {@code k << 32}; any access outside a region, any
 * read of an unwritten register or stack byte, and any run past the step limit is a fault.
 */
final class ConcreteRunner {
    static final int CTX = 1;
    static final int STACK0 = 2;
    static final int DATA = 10;
    /** Map i's handle is the (unmapped) address of region MAP_HANDLES + i: any access through it faults. */
    static final int MAP_HANDLES = 200;
    private static final int FIRST_DYNAMIC = 16;

    /** Thrown on a memory-safety or initialisation fault. */
    static final class Fault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Fault(String m) {
            super(m, null, false, false);
        }
    }

    private final Program program;
    private final byte[][] regions = new byte[256][];
    private final boolean[] readOnly = new boolean[256];
    private final List<MapSpec> maps;
    private final int[][] valueRegions;           // [map][entry] -> region
    private final Set<Integer> reservations = new HashSet<>();
    private final Random helperRandom;
    private int nextRegion = FIRST_DYNAMIC;
    private final boolean[][] stackInit = new boolean[8][512];
    private final long[] ctxScalars;
    private final int metaLen;
    private final int dataLen;
    private final boolean memoryType;

    /** An xdp run: a buffer of metadata then packet data, and scalar ctx fields. */
    static ConcreteRunner xdp(Program p, byte[] buffer, int metaLen, long[] ctxScalars) {
        return new ConcreteRunner(p, buffer, metaLen, buffer.length - metaLen, ctxScalars, false, List.of(), 0);
    }

    /**
     * An xdp run with maps: every map entry is its own region (read-only maps fault on write);
     * lookups of array and hash maps find key k < max entries (hash maps miss some keys, chosen by
     * {@code seed}); ring-buffer reservations are fresh regions that disappear when released.
     */
    static ConcreteRunner xdp(Program p, byte[] buffer, long[] ctxScalars, List<MapSpec> maps, long seed) {
        return new ConcreteRunner(p, buffer, 0, buffer.length, ctxScalars, false, maps, seed);
    }

    /** A conformance-memory run. */
    static ConcreteRunner memory(Program p, byte[] mem) {
        return new ConcreteRunner(p, mem, 0, mem.length, new long[0], true, List.of(), 0);
    }

    private ConcreteRunner(Program p, byte[] buffer, int metaLen, int dataLen, long[] ctxScalars, boolean memoryType,
                           List<MapSpec> maps, long seed) {
        this.program = p;
        this.maps = maps;
        this.helperRandom = new Random(seed);
        this.valueRegions = new int[maps.size()][];
        for (int i = 0; i < maps.size(); i++) {
            MapSpec m = maps.get(i);
            boolean hasValues = m.type() != MapType.RINGBUF && m.type() != MapType.PROG_ARRAY;
            valueRegions[i] = new int[hasValues ? m.maxEntries() : 0];
            for (int e = 0; e < valueRegions[i].length; e++) {
                byte[] v = new byte[m.valueSize()];
                helperRandom.nextBytes(v);
                valueRegions[i][e] = allocate(v, m.readOnly());
            }
        }
        this.metaLen = metaLen;
        this.dataLen = dataLen;
        this.ctxScalars = ctxScalars;
        this.memoryType = memoryType;
        regions[DATA] = buffer;
        for (int f = 0; f < 8; f++) {
            regions[STACK0 + f] = new byte[512];
        }
    }

    private int allocate(byte[] mem, boolean ro) {
        if (nextRegion >= MAP_HANDLES) {
            throw new Fault("out of regions");
        }
        regions[nextRegion] = mem;
        readOnly[nextRegion] = ro;
        return nextRegion++;
    }

    private static long base(int region) {
        return (long) region << 32;
    }

    /** Runs to exit and returns r0; throws Fault on any violation. */
    long run(int stepLimit) {
        long[] r = new long[11];
        boolean[] init = new boolean[11];
        long[][] savedRegs = new long[8][];
        boolean[][] savedInit = new boolean[8][];
        int[] returnPc = new int[8];
        int depth = 0;
        if (memoryType) {
            r[1] = base(DATA);
            r[2] = dataLen;
            init[2] = true;
        } else {
            r[1] = base(CTX);
        }
        init[1] = true;
        r[10] = base(STACK0) + 512;
        init[10] = true;
        int pc = 0;
        for (int steps = 0; ; steps++) {
            if (steps > stepLimit) {
                throw new Fault("did not terminate within " + stepLimit + " steps");
            }
            Instruction insn = program.at(pc);
            int next = pc + insn.slots();
            switch (insn) {
                case Instruction.Alu a -> {
                    long x = a.op() == dev.extos.isa.AluOp.MOV ? 0 : get(r, init, a.dst());
                    long y = operand(r, init, a.src());
                    r[a.dst().number()] = a.width() == Width.W64 ? Concrete.alu64(a.op(), x, y) : Concrete.alu32(a.op(), x, y);
                    init[a.dst().number()] = true;
                }
                case Instruction.Neg n -> {
                    long x = get(r, init, n.dst());
                    r[n.dst().number()] = n.width() == Width.W64 ? -x : (-(int) x) & 0xffff_ffffL;
                }
                case Instruction.MovSx m -> {
                    long x = get(r, init, m.src());
                    long v = switch (m.fromBits()) {
                        case 8 -> (byte) x;
                        case 16 -> (short) x;
                        default -> (int) x;
                    };
                    r[m.dst().number()] = m.width() == Width.W64 ? v : v & 0xffff_ffffL;
                    init[m.dst().number()] = true;
                }
                case Instruction.ByteSwap b -> {
                    long x = get(r, init, b.dst());
                    r[b.dst().number()] = b.kind() == SwapKind.TO_LE
                            ? (b.bits() == 64 ? x : x & ((1L << b.bits()) - 1))
                            : switch (b.bits()) {
                                case 16 -> Short.reverseBytes((short) x) & 0xffffL;
                                case 32 -> Integer.reverseBytes((int) x) & 0xffff_ffffL;
                                default -> Long.reverseBytes(x);
                            };
                }
                case Instruction.LoadImm64 l -> {
                    r[l.dst().number()] = switch (l.kind()) {
                        case MAP_FD -> base(MAP_HANDLES + l.imm());
                        case MAP_VALUE -> base(valueRegions[l.imm()][0]) + l.nextImm();
                        default -> l.value();
                    };
                    init[l.dst().number()] = true;
                }
                case Instruction.Load l -> {
                    long addr = get(r, init, l.src()) + l.offset();
                    long v = load(addr, l.size().bytes());
                    if (l.signExtend()) {
                        v = switch (l.size()) {
                            case B -> (byte) v;
                            case H -> (short) v;
                            default -> (int) v;
                        };
                    }
                    r[l.dst().number()] = v;
                    init[l.dst().number()] = true;
                }
                case Instruction.Store s -> {
                    long addr = get(r, init, s.dst()) + s.offset();
                    store(addr, s.size().bytes(), operand(r, init, s.src()));
                }
                case Instruction.Atomic a -> {
                    long addr = get(r, init, a.dst()) + a.offset();
                    int size = a.size().bytes();
                    long old = load(addr, size);
                    long src = get(r, init, a.src());
                    long nv = switch (a.op()) {
                        case ADD -> old + src;
                        case OR -> old | src;
                        case AND -> old & src;
                        case XOR -> old ^ src;
                        case XCHG -> src;
                        case CMPXCHG -> (size == 8 ? old == get(r, init, Reg.R0) : (int) old == (int) get(r, init, Reg.R0)) ? src : old;
                    };
                    store(addr, size, nv);
                    if (a.fetch() || a.op().alwaysFetches()) {
                        Reg t = a.op() == AtomicOp.CMPXCHG ? Reg.R0 : a.src();
                        r[t.number()] = old;
                    }
                }
                case Instruction.Jump j -> {
                    long x = get(r, init, j.dst());
                    long y = operand(r, init, j.src());
                    if (ConditionsTest.holds(j.width(), j.condition(), x, y)) {
                        next = pc + 1 + j.offset();
                    }
                }
                case Instruction.Goto g -> next = pc + 1 + g.offset();
                case Instruction.CallLocal c -> {
                    savedRegs[depth] = r.clone();
                    savedInit[depth] = init.clone();
                    returnPc[depth] = next;
                    depth++;
                    if (depth >= 8) {
                        throw new Fault("too deep");
                    }
                    boolean[] ni = new boolean[11];
                    System.arraycopy(init, 1, ni, 1, 5);
                    init = ni;
                    r[10] = base(STACK0 + depth) + 512;
                    init[10] = true;
                    stackInit[depth] = new boolean[512];
                    next = pc + 1 + c.offset();
                }
                case Instruction.Exit e -> {
                    long r0 = get(r, init, Reg.R0);
                    if (depth == 0) {
                        if (!reservations.isEmpty()) {
                            throw new Fault("exit with unreleased ring-buffer reservations " + reservations);
                        }
                        return r0;
                    }
                    depth--;
                    long[] sr = savedRegs[depth];
                    boolean[] si = savedInit[depth];
                    for (int i = 6; i <= 10; i++) {
                        r[i] = sr[i];
                        init[i] = si[i];
                    }
                    for (int i = 1; i <= 5; i++) {
                        init[i] = false;
                    }
                    r[0] = r0;
                    init[0] = true;
                    next = returnPc[depth];
                }
                case Instruction.Call c when c.helper() != 5 && c.helper() != 7 -> {
                    r[0] = helper(c.helper(), r, init);
                    init[0] = true;
                    for (int i = 1; i <= 5; i++) {
                        init[i] = false;
                    }
                }
                case Instruction.Call c when c.helper() == 5 || c.helper() == 7 -> {
                    // ktime_get_ns and get_prandom_u32: any value of the declared width; r1-r5 become unreadable.
                    long v = pc * 0x9e3779b97f4a7c15L ^ r[0];
                    r[0] = c.helper() == 7 ? v & 0xffffffffL : v;
                    init[0] = true;
                    for (int i = 1; i <= 5; i++) {
                        init[i] = false;
                    }
                }
                default -> throw new Fault("unsupported instruction " + insn);
            }
            pc = next;
        }
    }

    private static long get(long[] r, boolean[] init, Reg reg) {
        if (!init[reg.number()]) {
            throw new Fault("read of uninitialised " + reg);
        }
        return r[reg.number()];
    }

    private static long operand(long[] r, boolean[] init, Operand o) {
        return switch (o) {
            case Reg reg -> get(r, init, reg);
            case Imm(int v) -> v;
        };
    }

    private long load(long addr, int size) {
        int region = (int) (addr >>> 32);
        long off = addr & 0xffff_ffffL;
        if (region == CTX && !memoryType) {
            return ctxLoad(off, size);
        }
        byte[] mem = memory(region, off, size, "read");
        if (region >= STACK0 && region < STACK0 + 8) {
            for (int i = 0; i < size; i++) {
                if (!stackInit[region - STACK0][(int) off + i]) {
                    throw new Fault("read of uninitialised stack at " + (off - 512));
                }
            }
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (mem[(int) off + i] & 0xff);
        }
        return v;
    }

    private void store(long addr, int size, long v) {
        int region = (int) (addr >>> 32);
        long off = addr & 0xffff_ffffL;
        if (region == CTX && !memoryType) {
            throw new Fault("write to the context");
        }
        byte[] mem = memory(region, off, size, "write");
        if (readOnly[region]) {
            throw new Fault("write to read-only region " + region);
        }
        for (int i = 0; i < size; i++) {
            mem[(int) off + i] = (byte) (v >>> (8 * i));
            if (region >= STACK0 && region < STACK0 + 8) {
                stackInit[region - STACK0][(int) off + i] = true;
            }
        }
    }

    private byte[] memory(int region, long off, int size, String what) {
        byte[] mem = region >= 0 && region < regions.length ? regions[region] : null;
        if (mem == null || off + size > mem.length) {
            throw new Fault(what + " of " + size + " bytes at region " + region + " offset " + off + " out of bounds");
        }
        return mem;
    }

    /** The map helpers, ring-buffer helpers and extos_hash, each checking its memory like the program's own accesses. */
    private long helper(int id, long[] r, boolean[] init) {
        return switch (id) {
            case 1 -> {
                MapSpec m = maps.get(mapArg(get(r, init, Reg.R1)));
                int map = mapArg(get(r, init, Reg.R1));
                long key = readBytes(get(r, init, Reg.R2), m.keySize());
                boolean miss = m.type() == MapType.HASH && helperRandom.nextInt(3) == 0;
                yield Long.compareUnsigned(key, m.maxEntries()) < 0 && !miss ? base(valueRegions[map][(int) key]) : 0;
            }
            case 131 -> {
                mapArg(get(r, init, Reg.R1));
                long size = get(r, init, Reg.R2);
                get(r, init, Reg.R3);
                if (size < 0 || size > 4096 || helperRandom.nextInt(4) == 0) {
                    yield 0;
                }
                int region = allocate(new byte[(int) size], false);
                reservations.add(region);
                yield base(region);
            }
            case 132, 133 -> {
                long p = get(r, init, Reg.R1);
                get(r, init, Reg.R2);
                int region = (int) (p >>> 32);
                if ((p & 0xffff_ffffL) != 0 || !reservations.remove(region)) {
                    throw new Fault("release of " + Long.toHexString(p) + ", which is not a live reservation");
                }
                regions[region] = null;
                yield 0;
            }
            case 1004 -> {
                long p = get(r, init, Reg.R1);
                long len = get(r, init, Reg.R2);
                get(r, init, Reg.R3);
                long h = 17;
                for (long i = 0; i < len; i++) {
                    h = h * 31 + load(p + i, 1);
                }
                yield h;
            }
            default -> throw new Fault("helper " + id + " is not implemented by the test runner");
        };
    }

    private int mapArg(long handle) {
        long i = (handle >>> 32) - MAP_HANDLES;
        if ((handle & 0xffff_ffffL) != 0 || i < 0 || i >= maps.size()) {
            throw new Fault("not a map handle: " + Long.toHexString(handle));
        }
        return (int) i;
    }

    private long readBytes(long addr, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | load(addr + i, 1);
        }
        return v;
    }

    private long ctxLoad(long off, int size) {
        if (size != 4) {
            throw new Fault("context read of size " + size);
        }
        return switch ((int) off) {
            case 0 -> base(DATA) + metaLen;
            case 4 -> base(DATA) + metaLen + dataLen;
            case 8 -> base(DATA);
            case 12 -> ctxScalars[0] & 0xffff_ffffL;
            case 16 -> ctxScalars[1] & 0xffff_ffffL;
            case 20 -> ctxScalars[2] & 0xffff_ffffL;
            default -> throw new Fault("context read at " + off);
        };
    }
}
