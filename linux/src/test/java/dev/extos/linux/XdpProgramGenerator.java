package dev.extos.linux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of XDP programs in ExtOS assembly: straight-line ALU on scalars, forward
 * branches, bounded loops, stack spills and fills, bounds-checked packet access, and (in about
 * half of the programs) one mutation that breaks safety. Every program is safe by construction
 * unless it carries a mutation; {@link Generated#mutation()} names it ("none" otherwise).
 *
 * <p>Register plan: r6 = ctx, r2 = data, r3 = data_end, r4 = scratch packet pointer,
 * r5 = loop counter, r7..r9 scalars, r0 only set before exit.
 */
final class XdpProgramGenerator {

    /** A generated program and the mutation it carries. */
    record Generated(String text, String mutation) {
    }

    static final List<String> MUTATIONS = List.of(
            "no-bounds-check", "off-by-one-bounds", "inverted-bounds-check", "uninit-register",
            "maybe-uninit-register", "uninit-stack-read", "ctx-write", "stack-out-of-frame",
            "unbounded-loop", "infinite-loop", "no-r0", "r0-wide-scalar", "pointer-return",
            "var-offset-unbounded", "spill-clobbered", "ptr-alu32", "scalar-deref", "pkt-end-deref",
            "range-in-branch-only", "jmp32-bounds-check");

    /**
     * No div or mod: the Linux 6.18 verifier does not track their results (the destination
     * becomes an unknown scalar), so where ExtOS proves a branch dead after a division the kernel
     * explores it and rejects for a reason that does not hold; as a referee it would be wrong.
     */
    private static final String[] ALU = {"add", "sub", "mul", "or", "and", "xor", "lsh", "rsh", "arsh", "mov"};
    private static final String[] CONDS = {"jeq", "jne", "jgt", "jge", "jlt", "jle", "jsgt", "jsge", "jslt", "jsle", "jset"};
    private static final int[] SIZES = {1, 2, 4, 8};
    private static final String[] SUFFIX = {null, "b", "h", null, "w", null, null, null, "dw"};

    private final Random rnd;
    private final StringBuilder out = new StringBuilder();
    private final boolean[] init = new boolean[11];
    /** Which stack bytes (index 0 = fp-1) hold a written scalar. */
    private boolean[] stackScalar = new boolean[512];
    /** 8-byte slots (index k = fp-8(k+1)) holding a spilled packet pointer. */
    private boolean[] stackPtr = new boolean[64];
    private int pktRange;
    private int labels;
    private boolean outUsed;
    private int depth;

    private XdpProgramGenerator(Random rnd) {
        this.rnd = rnd;
    }

    /** One program from {@code rnd}. */
    static Generated generate(Random rnd) {
        return new XdpProgramGenerator(rnd).build();
    }

    private Generated build() {
        String mutation = rnd.nextInt(100) < 50 ? MUTATIONS.get(rnd.nextInt(MUTATIONS.size())) : "none";
        init[1] = init[10] = true;
        emit("mov %r6, %r1");
        init[6] = true;
        emit("ldxw %r2, [%r6+0]");
        emit("ldxw %r3, [%r6+4]");
        init[2] = init[3] = true;
        if (rnd.nextBoolean()) {
            // an unknown scalar: ingress_ifindex or rx_queue_index; rarely egress_ifindex, which both
            // the kernel and ExtOS refuse outside device-map programs
            int field = rnd.nextInt(50) == 0 ? 20 : 12 + 4 * rnd.nextInt(2);
            emit("ldxw %r9, [%r6+" + field + "]");
        } else {
            emit("mov %r9, " + small());
        }
        init[9] = true;
        if (rnd.nextBoolean()) {
            emit("mov %r7, " + small());
            init[7] = true;
        }
        int blocks = 1 + rnd.nextInt(8);
        int mutateAt = rnd.nextInt(blocks);
        boolean mutateEnd = mutation.equals("no-r0") || mutation.equals("r0-wide-scalar")
                || mutation.equals("pointer-return");
        for (int b = 0; b < blocks; b++) {
            if (b == mutateAt && !mutation.equals("none") && !mutateEnd) {
                if (!mutate(mutation)) {
                    mutation = "none"; // not applicable here (e.g. no register left uninitialised)
                }
            } else {
                block();
            }
        }
        switch (mutation) {
            case "no-r0" -> { }
            case "r0-wide-scalar" -> {
                emit("lddw %r0, 0x" + Long.toHexString(0x100000000L + rnd.nextInt(1 << 20)));
            }
            case "pointer-return" -> emit("mov %r0, %r2");
            default -> emit("mov %r0, " + rnd.nextInt(5));
        }
        emit("exit");
        if (outUsed) {
            out.append("out:\n");
            emit("mov %r0, 1");
            emit("exit");
        }
        return new Generated(out.toString(), mutation);
    }

    private void block() {
        int k = rnd.nextInt(depth == 0 ? 8 : 4);
        switch (k) {
            case 0 -> alu();
            case 1 -> packet();
            case 2 -> stackStore();
            case 3 -> stackLoad();
            case 4 -> branch();
            case 5 -> loop();
            case 6 -> spillPointer();
            default -> variableOffset(true);
        }
    }

    // ---- safe blocks ----

    private void alu() {
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            int dst = 7 + rnd.nextInt(3);
            if (!init[dst]) {
                if (depth > 0) {
                    continue; // never initialise a register on one path only
                }
                emit("mov" + w() + " %r" + dst + ", " + small());
                init[dst] = true;
                continue;
            }
            emit(aluOn(dst, true));
        }
    }

    private String aluOn(int dst, boolean allowRegSrc) {
        String op = ALU[rnd.nextInt(ALU.length)];
        String w = w();
        int bits = w.isEmpty() ? 64 : 32;
        int src = 7 + rnd.nextInt(3);
        boolean shift = op.endsWith("sh");
        // No shifts by a register: ExtOS masks the amount (RFC 9669: & 63, & 31) and stays precise,
        // while the Linux 6.18 verifier makes the result unknown once the amount may reach the
        // width; a branch ExtOS proves dead after it is then explored (and judged) by the kernel.
        if (allowRegSrc && !shift && init[src] && rnd.nextInt(3) == 0) {
            return op + w + " %r" + dst + ", %r" + src;
        }
        long imm = switch (op) {
            case "lsh", "rsh", "arsh" -> rnd.nextInt(bits);
            case "div", "mod" -> 1 + rnd.nextInt(100);
            default -> small();
        };
        return op + w + " %r" + dst + ", " + imm;
    }

    private void packet() {
        int size = SIZES[rnd.nextInt(4)];
        if (pktRange < size || rnd.nextInt(3) == 0) {
            int n = size + rnd.nextInt(40);
            check(n, rnd.nextInt(4));
            pktRange = Math.max(pktRange, n);
        }
        int off = rnd.nextInt(pktRange - size + 1);
        access(off, size);
    }

    /** {@code if (data + n > data_end) goto out} in one of several spellings; r4 = data + n after. */
    private void check(int n, int form) {
        emit("mov %r4, %r2");
        emit("add %r4, " + n);
        init[4] = true;
        switch (form) {
            case 0, 1 -> emit("jgt %r4, %r3, out");
            case 2 -> emit("jlt %r3, %r4, out");
            default -> {
                // if (data + n <= data_end) goto ok; else goto out
                String ok = label();
                emit("jle %r4, %r3, " + ok);
                emit("ja out");
                out.append(ok).append(":\n");
            }
        }
        outUsed = true;
    }

    private void access(int off, int size) {
        int dst = 7 + rnd.nextInt(3);
        String s = SUFFIX[size];
        int kind = rnd.nextInt(4);
        if (kind == 0 && init[dst]) {
            emit("stx" + s + " [%r2+" + off + "], %r" + dst);
        } else if (kind == 1) {
            emit("st" + s + " [%r2+" + off + "], " + rnd.nextInt(256));
        } else {
            if (!init[dst] && depth > 0) {
                dst = firstInitScalar();
                if (dst < 0) {
                    return;
                }
            }
            emit("ldx" + s + " %r" + dst + ", [%r2+" + off + "]");
            init[dst] = true;
        }
    }

    private void stackStore() {
        int size = SIZES[rnd.nextInt(4)];
        int fpOff = alignedStackOffset(size);
        int slot = (fpOff - 1) / 8;
        if (stackPtr[slot]) {
            if (depth > 0) {
                return; // a scalar store over a spilled pointer on one path only would confuse the plan
            }
            if (size != 8) {
                return;
            }
            stackPtr[slot] = false;
        }
        int src = firstInitScalar();
        if (src >= 0 && rnd.nextBoolean()) {
            int r = 7 + rnd.nextInt(3);
            src = init[r] ? r : src;
            emit("stx" + SUFFIX[size] + " [%r10-" + fpOff + "], %r" + src);
        } else {
            emit("st" + SUFFIX[size] + " [%r10-" + fpOff + "], " + small());
        }
        if (depth == 0) {
            for (int i = fpOff - size; i < fpOff; i++) {
                stackScalar[i] = true;
            }
        }
        if (rnd.nextBoolean()) {
            loadStack(fpOff, size);
        }
    }

    private void stackLoad() {
        // find a written, aligned location
        for (int tries = 0; tries < 10; tries++) {
            int size = SIZES[rnd.nextInt(4)];
            int fpOff = alignedStackOffset(size);
            boolean ok = !stackPtr[(fpOff - 1) / 8];
            for (int i = fpOff - size; i < fpOff && ok; i++) {
                ok = stackScalar[i];
            }
            if (ok) {
                loadStack(fpOff, size);
                return;
            }
        }
        alu();
    }

    private void loadStack(int fpOff, int size) {
        int dst = 7 + rnd.nextInt(3);
        if (!init[dst] && depth > 0) {
            dst = firstInitScalar();
            if (dst < 0) {
                return;
            }
        }
        emit("ldx" + SUFFIX[size] + " %r" + dst + ", [%r10-" + fpOff + "]");
        init[dst] = true;
    }

    private void spillPointer() {
        int slot = rnd.nextInt(8);
        int fpOff = 8 * (slot + 1);
        emit("stxdw [%r10-" + fpOff + "], %r2");
        stackPtr[slot] = true;
        for (int i = fpOff - 8; i < fpOff; i++) {
            stackScalar[i] = false;
        }
        alu();
        emit("ldxdw %r2, [%r10-" + fpOff + "]"); // the fill must give back the packet pointer with its range
        if (pktRange > 0 && rnd.nextBoolean()) {
            access(rnd.nextInt(pktRange), 1);
        }
    }

    /** data + (r9 & mask), bounds-checked, then read: safe; unmasked (r9 up to 2^32) is a mutation. */
    private void variableOffset(boolean masked) {
        emit("ldxw %r5, [%r6+" + (12 + 4 * rnd.nextInt(2)) + "]");
        init[5] = true;
        if (masked) {
            emit("and %r5, " + (rnd.nextBoolean() ? 0xff : 0x3f));
        }
        emit("mov %r4, %r2");
        emit("add %r4, %r5");
        emit("mov %r5, %r4");
        emit("add %r5, 4");
        emit("jgt %r5, %r3, out");
        outUsed = true;
        int dst = firstInitScalar();
        if (dst < 0 || depth == 0) {
            dst = 7;
            if (depth > 0) {
                return;
            }
        }
        emit("ldxw %r" + dst + ", [%r4+" + rnd.nextInt(1) + "]");
        init[dst] = true;
    }

    private void branch() {
        int a = firstInitScalar();
        if (a < 0) {
            alu();
            return;
        }
        String skip = label();
        String cond = CONDS[rnd.nextInt(CONDS.length)] + (rnd.nextInt(4) == 0 ? "32" : "");
        int b = 7 + rnd.nextInt(3);
        String rhs = init[b] && rnd.nextBoolean() ? "%r" + b : Long.toString(small());
        emit(cond + " %r" + a + ", " + rhs + ", " + skip);
        Snapshot s = snapshot();
        depth++;
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            block();
        }
        depth--;
        restore(s);
        out.append(skip).append(":\n");
    }

    private void loop() {
        String top = label();
        int trips = 1 + rnd.nextInt(16);
        emit("mov %r5, 0");
        out.append(top).append(":\n");
        int dst = firstInitScalar();
        if (dst >= 0) {
            emit(aluOn(dst, false));
        }
        emit("add %r5, 1");
        emit((rnd.nextBoolean() ? "jlt" : "jne") + " %r5, " + trips + ", " + top);
        init[5] = true;
    }

    // ---- mutations ----

    private boolean mutate(String mutation) {
        switch (mutation) {
            case "no-bounds-check" -> {
                int size = SIZES[rnd.nextInt(4)];
                int off = rnd.nextInt(8);
                if (off + size <= pktRange) {
                    off = pktRange; // past what any earlier check proved
                }
                emit("ldx" + SUFFIX[size] + " %r7, [%r2+" + off + "]");
                init[7] = true;
            }
            case "off-by-one-bounds" -> {
                int size = SIZES[rnd.nextInt(4)];
                int n = Math.max(size + rnd.nextInt(40), pktRange);
                check(n, rnd.nextInt(4));
                emit("ldx" + SUFFIX[size] + " %r8, [%r2+" + (n - size + 1) + "]");
                init[8] = true;
            }
            case "inverted-bounds-check" -> {
                int size = SIZES[rnd.nextInt(4)];
                int n = Math.max(size + rnd.nextInt(40), pktRange + 1);
                emit("mov %r4, %r2");
                emit("add %r4, " + n);
                emit("jle %r4, %r3, out");
                outUsed = true;
                emit("ldx" + SUFFIX[size] + " %r8, [%r2+" + (n - size) + "]");
                init[8] = true;
            }
            case "uninit-register" -> {
                int u = -1;
                for (int r : new int[] {0, 4, 5, 7, 8}) {
                    if (!init[r]) {
                        u = r;
                        break;
                    }
                }
                if (u < 0) {
                    return false;
                }
                emit("add %r9, %r" + u);
            }
            case "maybe-uninit-register" -> {
                int u = !init[8] ? 8 : !init[7] ? 7 : -1;
                if (u < 0) {
                    return false;
                }
                String skip = label();
                emit("ldxw %r5, [%r6+12]"); // a fresh unknown, so that neither verifier can decide the branch
                init[5] = true;
                emit("jgt %r5, " + small() + ", " + skip);
                emit("mov %r" + u + ", " + small());
                out.append(skip).append(":\n");
                emit("add %r9, %r" + u);
            }
            case "uninit-stack-read" -> {
                for (int tries = 0; tries < 20; tries++) {
                    int size = SIZES[rnd.nextInt(4)];
                    int fpOff = alignedStackOffset(size);
                    boolean none = !stackPtr[(fpOff - 1) / 8];
                    for (int i = fpOff - size; i < fpOff && none; i++) {
                        none = !stackScalar[i];
                    }
                    if (none) {
                        emit("ldx" + SUFFIX[size] + " %r9, [%r10-" + fpOff + "]");
                        return true;
                    }
                }
                return false;
            }
            case "ctx-write" -> {
                int off = 4 * rnd.nextInt(6);
                if (rnd.nextBoolean()) {
                    emit("stw [%r6+" + off + "], " + rnd.nextInt(100));
                } else {
                    emit("stxw [%r6+" + off + "], %r9");
                }
            }
            case "stack-out-of-frame" -> {
                switch (rnd.nextInt(4)) {
                    case 0 -> emit("stxdw [%r10-520], %r9");
                    case 1 -> emit("stxdw [%r10+0], %r9");
                    case 2 -> emit("stw [%r10-" + (516 + 4 * rnd.nextInt(4)) + "], 1");
                    default -> emit("stxdw [%r10+" + (8 * (1 + rnd.nextInt(4))) + "], %r9");
                }
            }
            case "unbounded-loop" -> {
                String top = label();
                // The counter forms make both verifiers run to their work cap (about 10 s in the
                // kernel each), so they are rare; the no-progress form is rejected at once.
                int form = rnd.nextInt(80);
                if (form == 0) {
                    // a counter against an unknown bound: both verifiers must hit their work cap (slow)
                    emit("mov %r5, 0");
                    out.append(top).append(":\n");
                    emit("add %r5, 1");
                    emit("jgt %r9, %r5, " + top);
                    init[5] = true;
                } else if (form > 1) {
                    // no progress: the loop condition never changes once true
                    out.append(top).append(":\n");
                    emit("add %r9, 0");
                    emit("jgt %r9, " + rnd.nextInt(8) + ", " + top);
                } else {
                    // the counter goes the wrong way: 0, -1, -2, ... never reaches the bound
                    emit("mov %r5, 0");
                    out.append(top).append(":\n");
                    emit("sub %r5, 1");
                    emit("jslt %r5, " + (1 + rnd.nextInt(16)) + ", " + top);
                    init[5] = true;
                }
            }
            case "infinite-loop" -> {
                // guarded so that the code after it stays reachable: taken when r9 == 12345
                String top = label();
                String skip = label();
                emit("ldxw %r5, [%r6+12]"); // a fresh unknown, so that neither verifier can decide the branch
                init[5] = true;
                emit("jne %r5, 12345, " + skip);
                out.append(top).append(":\n");
                if (rnd.nextBoolean()) {
                    emit("mov %r5, 1");
                    emit("jeq %r5, 1, " + top);
                } else {
                    emit("ja " + top);
                }
                out.append(skip).append(":\n");
            }
            case "var-offset-unbounded" -> variableOffset(false);
            case "spill-clobbered" -> {
                // spill data, overwrite half the slot with a scalar, fill: the fill is no pointer
                int fpOff = 8 * (1 + rnd.nextInt(8));
                emit("stxdw [%r10-" + fpOff + "], %r2");
                emit("stw [%r10-" + (fpOff - 4 * rnd.nextInt(2)) + "], " + small());
                emit("ldxdw %r4, [%r10-" + fpOff + "]");
                emit("ldxb %r7, [%r4+0]");
                init[7] = true;
            }
            case "ptr-alu32" -> {
                emit("mov %r4, %r2");
                emit("add32 %r4, " + (1 + rnd.nextInt(8)));
                if (rnd.nextBoolean()) {
                    emit("ldxb %r7, [%r4+0]");
                    init[7] = true;
                }
            }
            case "scalar-deref" -> {
                emit("ldx" + SUFFIX[SIZES[rnd.nextInt(4)]] + " %r7, [%r9+0]");
                init[7] = true;
            }
            case "pkt-end-deref" -> {
                emit("ldxb %r7, [%r3" + (rnd.nextBoolean() ? "+0" : "-1") + "]");
                init[7] = true;
            }
            case "range-in-branch-only" -> {
                // the check is on one path only; the access after the join is unchecked on the other
                int n = pktRange + 1 + rnd.nextInt(32);
                String skip = label();
                emit("ldxw %r5, [%r6+12]");
                init[5] = true;
                emit("jgt %r5, " + small() + ", " + skip);
                check(n, rnd.nextInt(4));
                out.append(skip).append(":\n");
                emit("ldxb %r8, [%r2+" + (n - 1) + "]");
                init[8] = true;
            }
            case "jmp32-bounds-check" -> {
                // a 32-bit comparison of packet pointers proves nothing about the 64-bit addresses
                int n = pktRange + 1 + rnd.nextInt(32);
                emit("mov %r4, %r2");
                emit("add %r4, " + n);
                emit("jgt32 %r4, %r3, out");
                outUsed = true;
                emit("ldxb %r8, [%r2+" + (n - 1) + "]");
                init[8] = true;
            }
            default -> throw new IllegalArgumentException(mutation);
        }
        return true;
    }

    // ---- helpers ----

    private record Snapshot(boolean[] init, boolean[] stackScalar, boolean[] stackPtr, int pktRange) {
    }

    private Snapshot snapshot() {
        return new Snapshot(init.clone(), stackScalar.clone(), stackPtr.clone(), pktRange);
    }

    private void restore(Snapshot s) {
        System.arraycopy(s.init, 0, init, 0, init.length);
        stackScalar = s.stackScalar;
        stackPtr = s.stackPtr;
        pktRange = s.pktRange;
    }

    private int alignedStackOffset(int size) {
        // fp - off with off a multiple of size in [size, 64]: the kernel requires aligned stack access
        return size * (1 + rnd.nextInt(64 / size));
    }

    private int firstInitScalar() {
        int start = rnd.nextInt(3);
        for (int i = 0; i < 3; i++) {
            int r = 7 + (start + i) % 3;
            if (init[r]) {
                return r;
            }
        }
        return -1;
    }

    private String w() {
        return rnd.nextInt(4) == 0 ? "32" : "";
    }

    private long small() {
        return rnd.nextInt(4) == 0 ? rnd.nextInt(2000) - 1000 : rnd.nextInt(64);
    }

    private String label() {
        return "l" + labels++;
    }

    private void emit(String insn) {
        out.append("    ").append(insn).append('\n');
    }

    @Override
    public String toString() {
        return out + " " + Arrays.toString(init);
    }

    static List<Generated> generate(long seed, int count) {
        Random r = new Random(seed);
        List<Generated> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(generate(r));
        }
        return all;
    }
}
