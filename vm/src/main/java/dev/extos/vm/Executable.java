package dev.extos.vm;

/** A program loaded into an engine, ready to run any number of times, from any number of threads. */
public interface Executable {
    /**
     * Runs the program once in {@code memory} with r1 and r2 set (the other registers start at 0,
     * r10 at the top of the stack) and returns r0. A fault ends the run with {@link ExecutionFault}.
     */
    long run(AddressSpace memory, long r1, long r2);

    /** Runs with r1 set and r2 = 0, the kernel's calling convention (r1 = context). */
    default long run(AddressSpace memory, long r1) {
        return run(memory, r1, 0);
    }

    /**
     * Runs the program {@code count} times with r1 set and r2 = 0, calling {@code setup} before
     * each run and storing run k's r0 in {@code results[k]}: what a host does for every record of
     * a batch, in one call, so that compiled code keeps its segments and loop across runs. A
     * fault ends the batch with {@link ExecutionFault}; the runs before it have their results
     * and the last {@code beforeRun} names the run that faulted.
     */
    default void runBatch(AddressSpace memory, long r1, int count, BatchSetup setup, long[] results) {
        for (int k = 0; k < count; k++) {
            setup.beforeRun(k);
            results[k] = run(memory, r1, 0);
        }
    }
}
