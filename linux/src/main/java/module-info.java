/** The Linux kernel as a domain: the real bpf() system call through java.lang.foreign (no JNI, no libbpf). */
module dev.extos.linux {
    requires transitive dev.extos.isa;
    exports dev.extos.linux;
}
