/** The eBPF verifier: proves memory safety and termination of a program for a program type. */
module dev.extos.verifier {
    requires transitive dev.extos.isa;
    exports dev.extos.verifier;
}
