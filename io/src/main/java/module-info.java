/** The ExtOS IO layer: hooks, framing, filtered read, write and transfer, and the embedded domain. */
module dev.extos.io {
    requires transitive dev.extos.vm;
    // Optional: newline framing uses the Vector API when the JVM was started with the module.
    requires static jdk.incubator.vector;

    exports dev.extos.io;
}
