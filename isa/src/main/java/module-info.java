/** The eBPF instruction set: immutable instruction model, byte codec, assembler, disassembler and ELF object loader. */
module dev.extos.isa {
    exports dev.extos.isa;
    exports dev.extos.isa.asm;
    exports dev.extos.isa.elf;
}
