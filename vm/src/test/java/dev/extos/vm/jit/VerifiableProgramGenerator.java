package dev.extos.vm.jit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random programs of the conformance memory type (r1 = a buffer of {@link #MEMORY_SIZE}
 * bytes, r2 = its length) written so that the verifier accepts most of them: every access the
 * JIT can make direct appears (buffer at constant and at bounded variable offsets, the stack
 * through r10 and through a copied pointer, a caller's stack from a local call, atomics on both),
 * with straight-line ALU code, forward branches, counted loops and helper calls around them.
 * Register plan: r6 = buffer, r0/r3/r4/r5/r8 scalars, r7 scratch pointer, r9 loop counter.
 */
final class VerifiableProgramGenerator {
    /** Bytes of the buffer the programs are verified against. */
    static final int MEMORY_SIZE = 64;
    /** A helper with only a scalar result that the verifier knows (get_smp_processor_id). */
    static final int SCALAR_HELPER = 8;

    private static final String[] ALU = {"add", "sub", "mul", "div", "mod", "or", "and", "xor", "lsh", "rsh", "arsh", "mov",
            "sdiv", "smod"};
    private static final String[] JMP = {"jeq", "jne", "jgt", "jge", "jlt", "jle", "jsgt", "jsge", "jslt", "jsle", "jset"};
    private static final String[] SIZES = {"b", "h", "w", "dw"};
    private static final String[] SCALARS = {"%r0", "%r3", "%r4", "%r5", "%r8"};

    private final SplittableRandom random;
    private final List<String> lines = new ArrayList<>();
    private final List<String> functions = new ArrayList<>();
    private int labels;

    VerifiableProgramGenerator(long seed) {
        random = new SplittableRandom(seed);
    }

    /** One program in assembly. */
    String next() {
        lines.clear();
        functions.clear();
        labels = 0;
        emit("mov %r6, %r1");
        for (int off = 8; off <= 64; off += 8) {
            emit("stdw [%r10-" + off + "], " + imm());
        }
        for (String r : SCALARS) {
            emit("mov " + r + ", " + imm());
        }
        int blocks = 2 + random.nextInt(10);
        for (int b = 0; b < blocks; b++) {
            block(true);
        }
        // Spill the scalars so that a wrong register shows in the stack comparison.
        for (int k = 0; k < SCALARS.length; k++) {
            emit("stxdw [%r10-" + (72 + 8 * k) + "], " + SCALARS[k]);
        }
        emit("exit");
        lines.addAll(functions);
        return String.join("\n", lines) + "\n";
    }

    private void emit(String s) {
        lines.add(s);
    }

    private String scalar() {
        return SCALARS[random.nextInt(SCALARS.length)];
    }

    private int imm() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(16);
            case 1 -> random.nextInt(-300, 300);
            case 2 -> random.nextInt();
            default -> 1 << random.nextInt(31);
        };
    }

    private static String signed(int v) {
        return v >= 0 ? "+" + v : Integer.toString(v);
    }

    private void block(boolean allowNesting) {
        switch (random.nextInt(allowNesting ? 12 : 9)) {
            case 0, 1 -> alu();
            case 2 -> memory();
            case 3 -> variableMemory();
            case 4 -> stack();
            case 5 -> stackPointer();
            case 6 -> atomic();
            case 7 -> helper();
            case 8 -> memory();
            case 9 -> forwardBranch();
            case 10 -> loop();
            default -> call();
        }
    }

    private void alu() {
        String op = ALU[random.nextInt(ALU.length)];
        boolean w32 = random.nextInt(3) == 0;
        String src = op.endsWith("sh") ? Integer.toString(random.nextInt(w32 ? 32 : 64))
                : random.nextBoolean() ? scalar() : Integer.toString(imm());
        emit(op + (w32 ? "32 " : " ") + scalar() + ", " + src);
    }

    /** The buffer at a constant offset: loads, stores of registers and immediates, sign-extending loads. */
    private void memory() {
        int size = 1 << random.nextInt(4);
        String s = SIZES[Integer.numberOfTrailingZeros(size)];
        int off = random.nextInt(MEMORY_SIZE - size + 1);
        switch (random.nextInt(4)) {
            case 0 -> emit("ldx" + s + " " + scalar() + ", [%r6+" + off + "]");
            case 1 -> emit("stx" + s + " [%r6+" + off + "], " + scalar());
            case 2 -> emit("st" + s + " [%r6+" + off + "], " + imm());
            default -> emit(size == 8 ? "ldxdw " + scalar() + ", [%r6+" + off + "]" : "ldxs" + s + " " + scalar() + ", [%r6+" + off + "]");
        }
    }

    /** The buffer at a variable offset the verifier bounds by a mask. */
    private void variableMemory() {
        int size = 1 << random.nextInt(4);
        String s = SIZES[Integer.numberOfTrailingZeros(size)];
        emit("mov %r7, " + scalar());
        emit("and %r7, 31");
        emit("add %r7, %r6");
        int off = random.nextInt(MEMORY_SIZE - 31 - size + 1);
        if (random.nextBoolean()) {
            emit("ldx" + s + " " + scalar() + ", [%r7+" + off + "]");
        } else {
            emit("stx" + s + " [%r7+" + off + "], " + scalar());
        }
    }

    /** The stack through r10: reads within the initialised 64 bytes, writes anywhere in the frame. */
    private void stack() {
        int size = 1 << random.nextInt(4);
        String s = SIZES[Integer.numberOfTrailingZeros(size)];
        if (random.nextBoolean()) {
            emit("ldx" + s + " " + scalar() + ", [%r10" + signed(-size * random.nextInt(1, 64 / size + 1)) + "]");
        } else {
            int off = -size * random.nextInt(1, 512 / size + 1);
            // Never over the spill slots the exit writes (72..112) with a partial store: harmless either way.
            emit((random.nextBoolean() ? "stx" + s + " [%r10" + signed(off) + "], " + scalar()
                    : "st" + s + " [%r10" + signed(off) + "], " + imm()));
        }
    }

    /** The stack through a copy of r10: the JIT decodes the frame from the address. */
    private void stackPointer() {
        int size = 1 << random.nextInt(4);
        String s = SIZES[Integer.numberOfTrailingZeros(size)];
        emit("mov %r7, %r10");
        emit("add %r7, -" + 8 * random.nextInt(1, 9));
        if (random.nextBoolean()) {
            emit("ldx" + s + " " + scalar() + ", [%r7+0]");
        } else {
            emit("stx" + s + " [%r7+0], " + scalar());
        }
    }

    private void atomic() {
        String[] ops = {"add", "fetch add", "or", "fetch or", "and", "fetch and", "xor", "fetch xor", "xchg", "cmpxchg"};
        boolean w32 = random.nextBoolean();
        String op = ops[random.nextInt(ops.length)] + (w32 ? "32" : "");
        int size = w32 ? 4 : 8;
        String target = random.nextBoolean()
                ? "[%r10-" + 8 * random.nextInt(1, 9) + "]"
                : "[%r6+" + size * random.nextInt(MEMORY_SIZE / size) + "]";
        emit("lock " + op + " " + target + ", " + scalar());
    }

    /** A helper call; it clobbers r1-r5, so the scalars among them are set again. */
    private void helper() {
        emit("call " + SCALAR_HELPER);
        emit("mov %r3, " + imm());
        emit("mov %r4, " + imm());
        emit("mov %r5, " + imm());
    }

    private void forwardBranch() {
        String j = JMP[random.nextInt(JMP.length)] + (random.nextInt(3) == 0 ? "32" : "");
        String label = "L" + labels++;
        String src = random.nextBoolean() ? scalar() : Integer.toString(imm());
        emit(j + " " + scalar() + ", " + src + ", " + label);
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            block(false);
        }
        emit(label + ":");
    }

    private void loop() {
        String label = "L" + labels++;
        int n = 1 + random.nextInt(random.nextInt(8) == 0 ? 100 : 8);
        emit("mov %r9, 0");
        emit(label + ":");
        int n2 = 1 + random.nextInt(3);
        for (int i = 0; i < n2; i++) {
            block(false);
        }
        emit("add %r9, 1");
        emit((random.nextBoolean() ? "jlt" : "jne") + " %r9, " + n + ", " + label);
    }

    /** A local call handing the callee a pointer into this frame; r1-r5 are scratch after it. */
    private void call() {
        String name = "fn" + functions.size();
        emit("mov %r1, %r10");
        emit("add %r1, -" + 8 * random.nextInt(1, 9));
        emit("call local " + name);
        emit("mov %r3, " + imm());
        emit("mov %r4, " + imm());
        emit("mov %r5, " + imm());
        functions.add(name + ":");
        functions.add("stdw [%r10-8], " + imm());
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(4)) {
                case 0 -> functions.add("stdw [%r1+0], " + imm());
                case 1 -> functions.add("ldxdw %r0, [%r1+0]");
                case 2 -> {
                    functions.add("mov %r3, " + imm());
                    functions.add("lock fetch add [%r1+0], %r3");
                    functions.add("stxdw [%r10-16], %r3");
                }
                default -> functions.add("ldx" + SIZES[random.nextInt(4)] + " %r0, [%r10-8]");
            }
        }
        functions.add("ldxdw %r0, [%r1+0]");
        functions.add("exit");
    }
}
