package dev.extos.isa;

/** The eleven eBPF registers: r0 result, r1-r5 arguments, r6-r9 callee-saved, r10 frame pointer. */
public enum Reg implements Operand {
    R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10;

    private static final Reg[] BY_NUMBER = values();

    /** The register's number as encoded in an instruction. */
    public int number() {
        return ordinal();
    }

    /** The register numbered {@code n}; throws for numbers outside 0..10. */
    public static Reg of(int n) {
        if (n < 0 || n >= BY_NUMBER.length) {
            throw new IllegalArgumentException("no register r" + n + " (eBPF has r0 to r10)");
        }
        return BY_NUMBER[n];
    }

    /** True for numbers that name a register. */
    public static boolean isValid(int n) {
        return n >= 0 && n < BY_NUMBER.length;
    }

    @Override
    public String toString() {
        return "r" + ordinal();
    }
}
