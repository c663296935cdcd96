package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.isa.elf.BpfObject;
import dev.extos.isa.elf.BpfProgram;
import dev.extos.isa.elf.ElfLoader;
import dev.extos.linux.Bpf;
import dev.extos.linux.KernelDomain;
import dev.extos.linux.KernelObject;
import dev.extos.linux.KernelRejectedException;
import dev.extos.linux.LoadedProgram;
import java.nio.file.Path;
import java.util.List;

/** A socket-filter program chosen from an ELF object and loaded into the kernel with its maps (for listen and capture). */
record KernelFilter(KernelObject object, String name) {

    /**
     * Loads the program {@code choice} (function or section name; null when the object holds one)
     * of {@code file} into {@code kernel}; a rejection quotes the kernel verifier's log.
     */
    static KernelFilter load(KernelDomain kernel, Path file, String choice) {
        BpfObject elf = ElfLoader.load(file);
        BpfProgram chosen = elf.select(choice);
        KernelObject object;
        try {
            object = kernel.load(elf.withPrograms(List.of(chosen)));
        } catch (KernelRejectedException e) {
            String log = e.log().isBlank() ? "" : "\nthe kernel verifier's log:\n" + e.log().strip();
            throw new ExtosException("the kernel refused " + chosen.name() + ": " + e.getMessage() + log, e);
        }
        if (object.program(chosen.name()).type() != Bpf.BPF_PROG_TYPE_SOCKET_FILTER) {
            throw new ExtosException(chosen.name() + " is in section " + chosen.section()
                    + ": a socket filter is needed here, a program in SEC(\"socket\")");
        }
        return new KernelFilter(object, chosen.name());
    }

    /** The loaded program. */
    LoadedProgram program() {
        return object.program(name);
    }
}
