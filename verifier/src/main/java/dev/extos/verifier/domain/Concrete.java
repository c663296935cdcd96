package dev.extos.verifier.domain;

import dev.extos.isa.AluOp;

/** Concrete 64-bit eBPF ALU semantics, used for constant folding (and as the tests' oracle). */
public final class Concrete {
    private Concrete() {
    }

    /** {@code a OP b} on 64 bits exactly as the interpreter computes it. */
    public static long alu64(AluOp op, long a, long b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> b == 0 ? 0 : Long.divideUnsigned(a, b);
            case MOD -> b == 0 ? a : Long.remainderUnsigned(a, b);
            case SDIV -> b == 0 ? 0 : (b == -1 ? -a : a / b);
            case SMOD -> b == 0 ? a : (b == -1 ? 0 : a % b);
            case OR -> a | b;
            case AND -> a & b;
            case XOR -> a ^ b;
            case LSH -> a << (b & 63);
            case RSH -> a >>> (b & 63);
            case ARSH -> a >> (b & 63);
            case MOV -> b;
        };
    }

    /** {@code a OP b} on 32 bits, zero-extended. */
    public static long alu32(AluOp op, long a, long b) {
        int x = (int) a;
        int y = (int) b;
        int r = switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> y == 0 ? 0 : Integer.divideUnsigned(x, y);
            case MOD -> y == 0 ? x : Integer.remainderUnsigned(x, y);
            case SDIV -> y == 0 ? 0 : (y == -1 ? -x : x / y);
            case SMOD -> y == 0 ? x : (y == -1 ? 0 : x % y);
            case OR -> x | y;
            case AND -> x & y;
            case XOR -> x ^ y;
            case LSH -> x << (y & 31);
            case RSH -> x >>> (y & 31);
            case ARSH -> x >> (y & 31);
            case MOV -> y;
        };
        return r & 0xffff_ffffL;
    }
}
