package dev.extos.vm.runtime;

/**
 * The arithmetic whose eBPF meaning differs from Java's: division by zero gives 0, modulo by
 * zero leaves the dividend, 32-bit results are zero-extended. Shared with the JIT's runtime.
 */
public final class Arithmetic {
    private Arithmetic() {
    }

    public static long div64(long a, long b) {
        return b == 0 ? 0 : Long.divideUnsigned(a, b);
    }

    public static long sdiv64(long a, long b) {
        return b == 0 ? 0 : b == -1 ? -a : a / b;
    }

    public static long mod64(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    public static long smod64(long a, long b) {
        return b == 0 ? a : b == -1 ? 0 : a % b;
    }

    public static long div32(int a, int b) {
        return b == 0 ? 0 : Integer.divideUnsigned(a, b) & 0xffffffffL;
    }

    public static long sdiv32(int a, int b) {
        return (b == 0 ? 0 : b == -1 ? -a : a / b) & 0xffffffffL;
    }

    public static long mod32(int a, int b) {
        return (b == 0 ? a : Integer.remainderUnsigned(a, b)) & 0xffffffffL;
    }

    public static long smod32(int a, int b) {
        return (b == 0 ? a : b == -1 ? 0 : a % b) & 0xffffffffL;
    }
}
