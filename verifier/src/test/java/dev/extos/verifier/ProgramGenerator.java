package dev.extos.verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random XDP programs in assembly text: straight-line ALU code, forward branches, bounded
 * loops, stack use (some out of range or unwritten), packet access with correct, short or
 * missing bounds checks, and variable-offset accesses. Many are unsafe on purpose.
 */
final class ProgramGenerator {
    private static final String[] ALU = {"add", "sub", "mul", "div", "mod", "or", "and", "xor", "lsh", "rsh", "arsh", "mov", "sdiv", "smod"};
    private static final String[] JMP = {"jeq", "jne", "jgt", "jge", "jlt", "jle", "jsgt", "jsge", "jslt", "jsle", "jset"};
    private static final String[] SIZES = {"b", "h", "w", "dw"};

    private final Random random;
    private final List<String> lines = new ArrayList<>();
    private final List<String> functions = new ArrayList<>();

    ProgramGenerator(long seed) {
        random = new Random(seed);
    }

    /** One program: r2 = data, r3 = data_end, r0/r4/r5/r8 scalars, r6 loop counter, r7 scratch pointer. */
    String next() {
        lines.clear();
        functions.clear();
        emit("ldxw %r2, [%r1+0]");
        emit("ldxw %r3, [%r1+4]");
        emit("stxdw [%r10-40], %r2");
        emit("stxdw [%r10-48], %r3");
        emit("ldxw %r0, [%r1+12]");
        emit("mov %r4, " + smallImm());
        emit("ldxw %r5, [%r1+16]");
        emit("mov %r8, " + smallImm());
        if (random.nextInt(4) != 0) {
            for (int off = 8; off <= 32; off += 8) {
                emit("stdw [%r10-" + off + "], 0");
            }
        }
        int blocks = 1 + random.nextInt(6);
        for (int b = 0; b < blocks; b++) {
            block(true);
        }
        if (random.nextInt(8) != 0) {
            emit("mov %r0, " + smallImm());
        }
        emit("exit");
        lines.addAll(functions);
        return String.join("\n", lines) + "\n";
    }

    private void emit(String s) {
        lines.add(s);
    }

    private String scalarReg() {
        return new String[] {"%r0", "%r4", "%r5", "%r8"}[random.nextInt(4)];
    }

    private int smallImm() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(16);
            case 1 -> random.nextInt(600) - 300;
            case 2 -> random.nextInt();
            default -> 1 << random.nextInt(31);
        };
    }

    private void block(boolean allowLoop) {
        switch (random.nextInt(allowLoop ? 9 : 6)) {
            case 0 -> alu();
            case 1 -> stack();
            case 2 -> packet();
            case 3 -> varStack();
            case 4 -> forwardBranch();
            case 5 -> atomic();
            case 6 -> call();
            default -> loop();
        }
    }

    private void alu() {
        String op = ALU[random.nextInt(ALU.length)];
        String w = random.nextInt(3) == 0 ? "32" : "";
        String src = random.nextBoolean() ? scalarReg() : Integer.toString(op.endsWith("sh") ? random.nextInt(70) : smallImm());
        emit(op + w + " " + scalarReg() + ", " + src);
        if (random.nextInt(4) == 0) {
            emit("and " + scalarReg() + ", " + (random.nextInt(64) + 1));
        }
    }

    private int stackOffset() {
        return switch (random.nextInt(6)) {
            case 0 -> -(random.nextInt(530));
            case 1 -> random.nextInt(8) - 8;
            default -> -8 * (1 + random.nextInt(4));
        };
    }

    private void stack() {
        String size = SIZES[random.nextInt(4)];
        int off = stackOffset();
        switch (random.nextInt(4)) {
            case 0 -> emit("st" + size + " [%r10" + signed(off) + "], " + smallImm());
            case 1 -> emit("stx" + size + " [%r10" + signed(off) + "], " + (random.nextInt(5) == 0 ? "%r2" : scalarReg()));
            case 2 -> emit("ldx" + size + " " + scalarReg() + ", [%r10" + signed(off) + "]");
            default -> {
                emit("stxdw [%r10" + signed(off) + "], " + (random.nextBoolean() ? "%r2" : scalarReg()));
                emit("ldxdw %r7, [%r10" + signed(off) + "]");
                emit("ldxb " + scalarReg() + ", [%r7+0]");
            }
        }
    }

    private static String signed(int v) {
        return v >= 0 ? "+" + v : Integer.toString(v);
    }

    private void packet() {
        int checked = random.nextInt(20);
        String[] jumps = {"jgt %r7, %r3", "jge %r7, %r3", "jlt %r3, %r7", "jle %r3, %r7", "jsgt %r7, %r3"};
        String jump = jumps[random.nextInt(jumps.length)];
        emit("mov %r7, %r2");
        if (random.nextInt(3) == 0) {
            emit("and %r5, " + (random.nextInt(31) + 1));
            emit("add %r7, %r5");
            emit("mov %r9, %r7");
        } else {
            emit("mov %r9, %r2");
        }
        emit("add %r7, " + checked);
        int n = 1 + random.nextInt(3);
        emit(jump + ", +" + n);
        for (int i = 0; i < n; i++) {
            int bytes = 1 << random.nextInt(4);
            String size = SIZES[Integer.numberOfTrailingZeros(bytes)];
            int off = random.nextInt(4) != 0 && checked >= bytes ? random.nextInt(checked - bytes + 1)
                    : random.nextInt(checked + 3) - (random.nextInt(10) == 0 ? 1 : 0);
            if (random.nextInt(4) == 0) {
                emit("st" + size + " [%r9" + signed(off) + "], " + smallImm());
            } else {
                emit("ldx" + size + " " + scalarReg() + ", [%r9" + signed(off) + "]");
            }
        }
    }

    private void varStack() {
        emit("mov %r7, " + scalarReg());
        emit("and %r7, " + (random.nextInt(16) + (random.nextInt(6) == 0 ? 100 : 0)));
        emit("add %r7, %r10");
        emit("add %r7, " + (-8 * (1 + random.nextInt(4)) - random.nextInt(2)));
        String size = SIZES[random.nextInt(4)];
        switch (random.nextInt(3)) {
            case 0 -> emit("st" + size + " [%r7+0], " + smallImm());
            case 1 -> {
                emit("stx" + size + " [%r7+0], " + scalarReg());
                emit("ldxdw " + scalarReg() + ", [%r10-" + 8 * (1 + random.nextInt(4)) + "]");
                emit("add %r7, " + scalarReg());
                emit("ldxb " + scalarReg() + ", [%r7+0]");
            }
            default -> emit("ldx" + size + " " + scalarReg() + ", [%r7+0]");
        }
    }

    private void atomic() {
        String[] ops = {"add", "fetch add", "or", "fetch xor", "and", "xchg", "cmpxchg"};
        String op = ops[random.nextInt(ops.length)] + (random.nextInt(3) == 0 ? "32" : "");
        int off = random.nextInt(5) == 0 ? stackOffset() : -8 * (1 + random.nextInt(4));
        emit("lock " + op + " [%r10" + signed(off) + "], " + scalarReg());
    }

    /** A local call to a new function that uses a pointer into the caller's stack; r2-r5 are restored after. */
    private void call() {
        String name = "fn" + functions.size();
        emit("mov %r1, %r10");
        emit("add %r1, " + (-8 * (1 + random.nextInt(5)) + (random.nextInt(8) == 0 ? 4 : 0)));
        emit("call local " + name);
        emit("ldxdw %r2, [%r10-40]");
        emit("ldxdw %r3, [%r10-48]");
        emit("mov %r4, " + smallImm());
        emit("mov %r5, " + smallImm());
        functions.add(name + ":");
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(5)) {
                case 0 -> functions.add("stdw [%r1+0], " + smallImm());
                case 1 -> functions.add("ldxdw %r0, [%r1+" + (random.nextInt(4) == 0 ? 8 : 0) + "]");
                case 2 -> {
                    functions.add("mov %r3, " + smallImm());
                    functions.add("lock add [%r1+0], %r3");
                }
                case 3 -> {
                    functions.add("stdw [%r10-8], " + smallImm());
                    functions.add("ldxdw %r0, [%r10-" + (random.nextInt(4) == 0 ? 16 : 8) + "]");
                }
                default -> functions.add("mov %r0, %r" + (random.nextInt(6) == 0 ? 6 : 1));
            }
        }
        if (random.nextInt(6) != 0) {
            functions.add("mov %r0, " + smallImm());
        }
        functions.add("exit");
    }

    private void forwardBranch() {
        String j = JMP[random.nextInt(JMP.length)] + (random.nextInt(3) == 0 ? "32" : "");
        List<String> saved = new ArrayList<>(lines);
        lines.clear();
        block(false);
        List<String> body = new ArrayList<>(lines);
        lines.clear();
        lines.addAll(saved);
        String src = random.nextBoolean() ? scalarReg() : Integer.toString(smallImm());
        emit(j + " " + scalarReg() + ", " + src + ", +" + body.size());
        lines.addAll(body);
    }

    private void loop() {
        int n = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 12);
        emit("mov %r6, 0");
        List<String> saved = new ArrayList<>(lines);
        lines.clear();
        block(false);
        if (random.nextBoolean()) {
            block(false);
        }
        List<String> body = new ArrayList<>(lines);
        lines.clear();
        lines.addAll(saved);
        lines.addAll(body);
        emit("add %r6, " + (random.nextInt(8) == 0 ? 0 : 1));
        emit((random.nextBoolean() ? "jlt" : "jne") + " %r6, " + n + ", -" + (body.size() + 2));
    }
}
