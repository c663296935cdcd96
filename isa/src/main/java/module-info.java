/** The eBPF instruction set: immutable instruction model, byte codec, assembler and disassembler. */
module dev.extos.isa {
    exports dev.extos.isa;
    exports dev.extos.isa.asm;
}
