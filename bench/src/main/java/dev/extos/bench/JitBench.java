package dev.extos.bench;

import dev.extos.vm.Engines;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The interpreter and the JIT on the programs of {@link JitWorkload}, timed per run; the JIT
 * loads the verified program (direct region access), as the IO path does. {@code run-bench jit}
 * puts these figures beside the kernel's JIT and gcc -O2. The setup checks r0 against Java.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JitBench {
    @Param({"sumLoop", "countNewlines", "packetParser"})
    public String program;

    @Param({"interp", "jit"})
    public String engine;

    private Workload.Run run;

    @Setup(Level.Trial)
    public void setUp() {
        run = JitWorkload.byName(program).prepare(Engines.byName(engine));
    }

    @Benchmark
    public long run() {
        return run.run();
    }
}
