/** The ExtOS IO layer: hooks, framing, filtered read, write and transfer, and the embedded domain. */
module dev.extos.io {
    requires transitive dev.extos.vm;

    exports dev.extos.io;
}
