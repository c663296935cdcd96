package dev.extos.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The reference interpreter on two tight loops, timed per run of the whole program; {@link
 * BenchMain} divides by the instructions one run executes to get ns per eBPF instruction.
 * The programs, their data and the checks are in {@link Workload}:
 * <ul>
 *   <li>{@code sumLoop}: r0 = 0 + 1 + ... + 99,999 (add, add, jlt per iteration; 300,003
 *       instructions, no memory access): the cost of dispatch and ALU/jump instructions.</li>
 *   <li>{@code countNewlines}: the '\n' bytes in 64 KiB of access log (ldxb, jne, [add], add,
 *       jlt per byte, ~2% newlines): adds a checked load through the address space per byte,
 *       the shape of a real record filter.</li>
 * </ul>
 * Each method returns r0, which JMH consumes (so the run cannot be optimised away). The trial
 * setup runs the program once and fails the benchmark if r0 differs from the Java computation
 * or if the two independent instruction counts disagree.
 *
 * <p>The setup prepares only the workload of the benchmark being run. The interpreter is one
 * JIT-compiled dispatch method for all programs, and HotSpot compiles it from the profile of
 * whatever ran first: when the setup also ran {@code sumLoop}'s program in {@code
 * countNewlines}' fork, C2 sometimes compiled the loop before any {@code ldxb} had run, left the
 * load as an out-of-line call ("failed to inline: never executed") and never recompiled it,
 * and {@code countNewlines} measured 22-40 ns per instruction instead of about 3.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InterpreterBench {
    private Workload.Run run;

    /** Instructions one run executes (verified; BenchMain computes the same in its own JVM). */
    long instructions;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        Workload workload = Workload.byName(benchmark.substring(benchmark.lastIndexOf('.') + 1));
        if (workload == null) {
            throw new IllegalStateException("no workload for " + benchmark);
        }
        run = workload.prepare();
        instructions = workload.verify(run);
    }

    @Benchmark
    public long sumLoop() {
        return run.run();
    }

    @Benchmark
    public long countNewlines() {
        return run.run();
    }
}
