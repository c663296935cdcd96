package dev.extos.vm.jit;

import dev.extos.isa.Reg;

/**
 * Where a generated method keeps the memory, the call depth, the run state, the eBPF registers
 * (each a long, two slots) and the backward-jump budget. Two layouts exist: a function method
 * {@code (AddressSpace memory, long r1, ..., long r5, int depth, RunState state)} and a chunk of
 * a split function {@code (AddressSpace memory, long[] registers, int depth, RunState state,
 * int entryPc)}; the arguments come first, as the JVM requires.
 */
record Locals(int memory, int depth, int state, int budget, int[] registers, int registerArray, int entryPc, int scratch,
              int batchIndex) {

    /** The layout of a function method: r1-r5 arrive as arguments. */
    static final Locals FUNCTION = new Locals(0, 11, 12, 25, new int[] {13, 1, 3, 5, 7, 9, 15, 17, 19, 21, 23}, -1, -1, 27, -1);
    /** The layout of a chunk method: all registers arrive in (and leave through) a long[]. */
    static final Locals CHUNK = new Locals(0, 2, 3, 27, new int[] {5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25}, 1, 4, 29, -1);
    /**
     * The layout of the batch loop {@code (AddressSpace memory, long r1, int count, BatchSetup,
     * long[] results)} (see {@link BatchEmitter}): every register is a local, set before each run;
     * the run's number comes after the segments.
     */
    static final Locals BATCH = new Locals(0, 6, 7, 30, new int[] {8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28}, -1, -1, 32,
            32 + 2 + 8);

    /** Index of the budget in a chunk's register array, after r0-r10. */
    static final int BUDGET_INDEX = 11;

    /** The slot of the k-th segment a direct memory access keeps for the method (see {@link DirectMemoryAccess}), after scratch. */
    int segment(int k) {
        return scratch + 2 + k;
    }

    /** The slot of register {@code r}. */
    int of(Reg r) {
        return registers[r.number()];
    }
}
