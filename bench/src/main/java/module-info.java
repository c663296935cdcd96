/**
 * JMH micro-benchmarks of the ExtOS engines and the {@code run-bench} entry point. JMH's
 * annotation processor generates its harness into {@code dev.extos.bench.jmh_generated}; both
 * packages are opened to JMH, which instantiates the generated classes and reads the state
 * objects reflectively. The benchmarks normally run on the class path (see {@code run-bench}),
 * where this descriptor is ignored; it keeps the module boundary honest at compile time.
 */
module dev.extos.bench {
    requires dev.extos.vm;
    requires dev.extos.verifier;
    requires dev.extos.linux;
    requires jmh.core;

    opens dev.extos.bench to jmh.core;
    opens dev.extos.bench.jmh_generated to jmh.core;
}
