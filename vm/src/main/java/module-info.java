/** Running eBPF programs: the program address space, helpers, maps, the engine interface and the reference interpreter. */
module dev.extos.vm {
    requires transitive dev.extos.isa;
    requires transitive dev.extos.verifier;

    exports dev.extos.vm;
    exports dev.extos.vm.conformance;
    exports dev.extos.vm.maps;
}
