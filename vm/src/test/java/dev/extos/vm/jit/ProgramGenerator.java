package dev.extos.vm.jit;

import dev.extos.isa.AluOp;
import dev.extos.isa.AtomicOp;
import dev.extos.isa.Imm;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.JumpCondition;
import dev.extos.isa.Operand;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import dev.extos.isa.Size;
import dev.extos.isa.SwapKind;
import dev.extos.isa.Width;
import dev.extos.vm.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of random programs that terminate: straight-line ALU of every kind on
 * r0-r9, forward conditional jumps, counted loops on r9, stack and data-region accesses (mostly
 * in bounds, sometimes deliberately not), atomics, helper calls and local calls to later
 * functions (so calls never recurse, except in the rare program that recurses on purpose to
 * hit the depth limit). Unverified on purpose: it explores what the interpreter defines.
 */
final class ProgramGenerator {
    /** The data region the harness maps first (region 10), and its size. */
    static final long DATA = AddressSpace.base(AddressSpace.DATA_REGION);
    static final int DATA_SIZE = 64;
    /** The read-only context region the harness maps (region 1), and its size. */
    static final long CONTEXT = AddressSpace.base(AddressSpace.CONTEXT_REGION);
    static final int CONTEXT_SIZE = 16;
    /** Helpers the harness offers (see {@link Differential}); 99 is deliberately missing. */
    static final int MIX_HELPER = 1;
    static final int PEEK_HELPER = 2;
    static final int POKE_HELPER = 3;
    static final int MISSING_HELPER = 99;

    private static final Reg[] REGS = {Reg.R0, Reg.R1, Reg.R2, Reg.R3, Reg.R4, Reg.R5, Reg.R6, Reg.R7, Reg.R8, Reg.R9};
    private static final long[] INTERESTING = {0, 1, -1, 2, 7, 31, 32, 63, 64, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
            0x7fffffff, 0x80000000L, 0xffffffffL, Long.MIN_VALUE, Long.MAX_VALUE, 0x123456789abcdefL};

    private final SplittableRandom random;
    /** Instructions of the function being generated, with jumps still holding target indices. */
    private List<Instruction> code;
    private List<int[]> pendingJumps;
    private int functionCount;
    private int currentFunction;
    private List<int[]> pendingCalls;

    ProgramGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A random program. */
    Program next() {
        functionCount = 1 + (random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0);
        List<List<Instruction>> functions = new ArrayList<>();
        List<List<int[]>> calls = new ArrayList<>();
        boolean recurse = random.nextInt(60) == 0;
        for (currentFunction = 0; currentFunction < functionCount; currentFunction++) {
            code = new ArrayList<>();
            pendingJumps = new ArrayList<>();
            pendingCalls = new ArrayList<>();
            int length = 3 + random.nextInt(currentFunction == 0 ? 30 : 12);
            while (code.size() < length) {
                segment(false);
            }
            if (recurse && currentFunction == functionCount - 1) {
                pendingCalls.add(new int[] {code.size(), currentFunction});
                code.add(null);
            }
            if (random.nextInt(100) != 0) {
                exit();
            } // else: runs off the end, which must fault the same way
            resolveJumps();
            functions.add(code);
            calls.add(pendingCalls);
        }
        return link(functions, calls);
    }

    /**
     * Spills r0-r9 into the frame before exiting, so that a wrong value in any register is seen
     * in the stack comparison, not only a wrong r0.
     */
    private void exit() {
        for (Reg r : REGS) {
            code.add(new Store(Size.DW, Reg.R10, r, -8 * (r.number() + 1)));
        }
        code.add(new Exit());
    }

    /** Appends one random construct to the current function. */
    private void segment(boolean inLoop) {
        int kind = random.nextInt(100);
        if (kind < 35) {
            alu(inLoop);
        } else if (kind < 42) {
            unary(inLoop);
        } else if (kind < 45) {
            code.add(LoadImm64.constant(writable(inLoop), constant()));
        } else if (kind < 55 && !inLoop) {
            forwardJump();
        } else if (kind < 60 && !inLoop) {
            loop();
        } else if (kind < 72) {
            stackAccess(inLoop);
        } else if (kind < 82) {
            dataAccess(inLoop);
        } else if (kind < 88) {
            atomic(inLoop);
        } else if (kind < 93) {
            helperCall(inLoop);
        } else if (kind < 98 && currentFunction + 1 < functionCount) {
            pendingCalls.add(new int[] {code.size(), currentFunction + 1 + random.nextInt(functionCount - currentFunction - 1)});
            code.add(null);
        } else {
            alu(inLoop);
        }
    }

    private Reg writable(boolean inLoop) {
        // r9 counts loop iterations; a loop body must leave it alone for the loop to end.
        return REGS[random.nextInt(inLoop ? 9 : 10)];
    }

    private Reg any() {
        return REGS[random.nextInt(10)];
    }

    private long constant() {
        return random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : random.nextLong();
    }

    private int imm() {
        return switch (random.nextInt(4)) {
            case 0 -> (int) INTERESTING[random.nextInt(INTERESTING.length)];
            case 1 -> random.nextInt(-8, 65);
            default -> random.nextInt();
        };
    }

    private Operand operand() {
        return random.nextBoolean() ? any() : new Imm(imm());
    }

    private Width width() {
        return random.nextBoolean() ? Width.W64 : Width.W32;
    }

    private void alu(boolean inLoop) {
        AluOp op = AluOp.values()[random.nextInt(AluOp.values().length)];
        code.add(new Alu(width(), op, writable(inLoop), operand()));
    }

    private void unary(boolean inLoop) {
        Reg dst = writable(inLoop);
        switch (random.nextInt(3)) {
            case 0 -> code.add(new Neg(width(), dst));
            case 1 -> {
                Width w = width();
                int[] bits = w == Width.W64 ? new int[] {8, 16, 32} : new int[] {8, 16};
                code.add(new MovSx(w, dst, any(), bits[random.nextInt(bits.length)]));
            }
            default -> code.add(new ByteSwap(SwapKind.values()[random.nextInt(3)], new int[] {16, 32, 64}[random.nextInt(3)], dst));
        }
    }

    private void forwardJump() {
        int at = code.size();
        code.add(null);
        int body = random.nextInt(1, 6);
        for (int i = 0; i < body; i++) {
            segment(true);
        }
        // Target: anywhere from just after the jump to just after the body (never into a loop).
        int target = at + 1 + random.nextInt(code.size() - at);
        JumpCondition c = JumpCondition.values()[random.nextInt(JumpCondition.values().length)];
        pendingJumps.add(new int[] {at, target});
        code.set(at, new Jump(width(), c, any(), operand(), 0));
    }

    /**
     * A counted loop on r9, closed by a backward jump under one of the conditions that ends it
     * (counting down to 0 or up to n, on 64 or 32 bits), or by {@code jeq} over a backward
     * {@code ja}; rarely a loop that never ends, which the backward-jump budget must stop.
     */
    private void loop() {
        if (random.nextInt(150) == 0) {
            code.add(new Alu(Width.W64, AluOp.ADD, Reg.R0, new Imm(1)));
            pendingJumps.add(new int[] {code.size(), code.size() - 1});
            code.add(new Goto(0, false));
            return;
        }
        int n = random.nextInt(1, 6);
        boolean up = random.nextBoolean();
        code.add(new Alu(Width.W64, AluOp.MOV, Reg.R9, new Imm(up ? 0 : n)));
        int start = code.size();
        int body = random.nextInt(1, 6);
        for (int i = 0; i < body; i++) {
            segment(true);
        }
        code.add(new Alu(Width.W64, AluOp.ADD, Reg.R9, new Imm(up ? 1 : -1)));
        Width w = width();
        int variant = random.nextInt(6);
        if (variant == 5) {
            code.add(new Jump(w, JumpCondition.EQ, Reg.R9, new Imm(up ? n : 0), 1));
            pendingJumps.add(new int[] {code.size(), start});
            code.add(new Goto(0, random.nextBoolean()));
            return;
        }
        Jump close = up
                ? switch (variant) {
                    case 0 -> new Jump(w, JumpCondition.LT, Reg.R9, new Imm(n), 0);
                    case 1 -> new Jump(w, JumpCondition.SLT, Reg.R9, new Imm(n), 0);
                    case 2 -> new Jump(w, JumpCondition.LE, Reg.R9, new Imm(n - 1), 0);
                    case 3 -> new Jump(w, JumpCondition.SLE, Reg.R9, new Imm(n - 1), 0);
                    default -> new Jump(w, JumpCondition.NE, Reg.R9, new Imm(n), 0);
                }
                : switch (variant) {
                    case 0 -> new Jump(w, JumpCondition.GT, Reg.R9, new Imm(0), 0);
                    case 1 -> new Jump(w, JumpCondition.SGT, Reg.R9, new Imm(0), 0);
                    case 2 -> new Jump(w, JumpCondition.GE, Reg.R9, new Imm(1), 0);
                    case 3 -> new Jump(w, JumpCondition.SGE, Reg.R9, new Imm(1), 0);
                    default -> new Jump(w, JumpCondition.SET, Reg.R9, new Imm(-1), 0);
                };
        pendingJumps.add(new int[] {code.size(), start});
        code.add(close);
    }

    private Size size() {
        return Size.values()[random.nextInt(4)];
    }

    private boolean outOfBounds() {
        return random.nextInt(120) == 0;
    }

    private void stackAccess(boolean inLoop) {
        Size size = size();
        int offset = outOfBounds() ? new int[] {0, -513, 4, -AddressSpace.STACK_SIZE - size.bytes()}[random.nextInt(4)]
                : -random.nextInt(size.bytes(), AddressSpace.STACK_SIZE + 1);
        access(inLoop, size, Reg.R10, offset);
    }

    private void dataAccess(boolean inLoop) {
        Size size = size();
        Reg base = writable(inLoop);
        // Mostly the writable data region; sometimes the read-only context, where stores fault.
        boolean context = random.nextInt(8) == 0;
        int regionSize = context ? CONTEXT_SIZE : DATA_SIZE;
        int start = random.nextInt(regionSize);
        code.add(LoadImm64.constant(base, (context ? CONTEXT : DATA) + start));
        int offset = outOfBounds() ? regionSize - start - size.bytes() + 1 + random.nextInt(8)
                : random.nextInt(-start, regionSize - start - size.bytes() + 1);
        if (context && random.nextInt(4) != 0) {
            code.add(new Load(size, size != Size.DW && random.nextBoolean(), writable(inLoop), base, offset));
        } else {
            access(inLoop, size, base, offset);
        }
    }

    private void access(boolean inLoop, Size size, Reg base, int offset) {
        switch (random.nextInt(3)) {
            case 0 -> code.add(new Load(size, size != Size.DW && random.nextBoolean(), writable(inLoop), base, offset));
            case 1 -> code.add(new Store(size, base, any(), offset));
            default -> code.add(new Store(size, base, new Imm(imm()), offset));
        }
    }

    private void atomic(boolean inLoop) {
        Size size = random.nextBoolean() ? Size.W : Size.DW;
        AtomicOp op = AtomicOp.values()[random.nextInt(AtomicOp.values().length)];
        boolean fetch = op.alwaysFetches() || random.nextBoolean();
        // A fetching atomic writes its source register (cmpxchg: r0), never r9 in a loop.
        Reg src = fetch ? writable(inLoop) : any();
        Reg base = Reg.R10;
        int offset;
        if (random.nextBoolean()) {
            int slots = AddressSpace.STACK_SIZE / size.bytes();
            offset = -size.bytes() * random.nextInt(1, slots + 1);
        } else {
            base = writable(inLoop);
            int start = size.bytes() * random.nextInt(DATA_SIZE / size.bytes());
            code.add(LoadImm64.constant(base, DATA + start));
            offset = 0;
            if (src == base && fetch) {
                src = base == Reg.R0 ? Reg.R1 : Reg.R0;
            }
        }
        if (outOfBounds()) {
            offset += random.nextBoolean() ? 1 : 2; // unaligned, sometimes also out of bounds
        }
        code.add(new Atomic(size, op, fetch, base, src, offset));
    }

    private void helperCall(boolean inLoop) {
        switch (random.nextInt(7)) {
            case 0, 1 -> code.add(new Call(MIX_HELPER));
            case 2, 5 -> {
                // peek reads 8 bytes at r1: in bounds on the stack, or rarely wherever r1 happens to point.
                if (random.nextInt(10) != 0) {
                    code.add(new Alu(Width.W64, AluOp.MOV, Reg.R1, Reg.R10));
                    code.add(new Alu(Width.W64, AluOp.ADD, Reg.R1, new Imm(-8 * random.nextInt(1, 65))));
                }
                code.add(new Call(PEEK_HELPER));
            }
            case 3 -> {
                Reg target = writable(inLoop);
                int id = switch (random.nextInt(8)) {
                    case 0 -> MISSING_HELPER;
                    case 1 -> -1;
                    case 2 -> PEEK_HELPER;
                    default -> MIX_HELPER;
                };
                code.add(new Alu(Width.W64, AluOp.MOV, target, new Imm(id)));
                code.add(new CallRegister(target));
            }
            case 4 -> {
                // poke writes r2 at r1: a helper's side effect on the stack must match too.
                if (random.nextInt(10) != 0) {
                    code.add(new Alu(Width.W64, AluOp.MOV, Reg.R1, Reg.R10));
                    code.add(new Alu(Width.W64, AluOp.ADD, Reg.R1, new Imm(-8 * random.nextInt(1, 65))));
                }
                code.add(new Call(POKE_HELPER));
            }
            default -> code.add(new Call(random.nextInt(30) == 0 ? MISSING_HELPER : MIX_HELPER));
        }
    }

    private void resolveJumps() {
        // Jumps hold instruction indices until now; turn them into slot offsets (lddw is two slots).
        int[] slotOf = slots(code);
        for (int[] j : pendingJumps) {
            int offset = slotOf[j[1]] - slotOf[j[0]] - 1;
            code.set(j[0], switch (code.get(j[0])) {
                case Jump old -> new Jump(old.width(), old.condition(), old.dst(), old.src(), offset);
                case Goto old -> new Goto(offset, old.wide());
                default -> throw new IllegalStateException("not a jump");
            });
        }
    }

    private static int[] slots(List<Instruction> code) {
        int[] slotOf = new int[code.size() + 1];
        int slot = 0;
        for (int i = 0; i < code.size(); i++) {
            slotOf[i] = slot;
            slot += code.get(i) == null ? 1 : code.get(i).slots();
        }
        slotOf[code.size()] = slot;
        return slotOf;
    }

    private static Program link(List<List<Instruction>> functions, List<List<int[]>> calls) {
        int[] start = new int[functions.size()];
        int slot = 0;
        for (int f = 0; f < functions.size(); f++) {
            start[f] = slot;
            slot += slots(functions.get(f))[functions.get(f).size()];
        }
        List<Instruction> all = new ArrayList<>();
        for (int f = 0; f < functions.size(); f++) {
            List<Instruction> code = functions.get(f);
            int[] slotOf = slots(code);
            for (int[] c : calls.get(f)) {
                int callSlot = start[f] + slotOf[c[0]];
                code.set(c[0], new CallLocal(start[c[1]] - callSlot - 1));
            }
            all.addAll(code);
        }
        return Program.of(all);
    }
}
