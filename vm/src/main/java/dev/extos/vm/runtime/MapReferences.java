package dev.extos.vm.runtime;

import dev.extos.isa.Imm64Kind;
import dev.extos.isa.Instruction.LoadImm64;
import dev.extos.isa.Program;
import dev.extos.isa.asm.Disassembler;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.LoadException;

/**
 * What {@code lddw rX, map_fd i} and {@code lddw rX, map_value i, off} load, for every engine: the
 * base of map i's region (its handle), plus off for a map value. Only a program loaded with its
 * map list may use them.
 */
public final class MapReferences {
    private MapReferences() {
    }

    /** True for the two map forms of lddw that engines resolve. */
    public static boolean isMapReference(LoadImm64 l) {
        return l.kind() == Imm64Kind.MAP_FD || l.kind() == Imm64Kind.MAP_VALUE;
    }

    /**
     * The value {@code l} (at slot {@code pc}) loads when the program has {@code mapCount} maps
     * ({@code -1}: loaded without a map list); a LoadException says why it cannot be resolved.
     */
    public static long resolve(Program program, int pc, LoadImm64 l, int mapCount) {
        if (mapCount < 0 || !isMapReference(l)) {
            throw new LoadException("insn " + pc + " (" + Disassembler.format(l) + "): the "
                    + l.kind().mnemonic() + " reference is unresolved; programs that use maps are loaded from ELF objects");
        }
        if (l.imm() < 0 || l.imm() >= mapCount) {
            throw new LoadException("insn " + pc + " (" + Disassembler.format(l) + "): map " + l.imm() + " does not exist; the program has "
                    + mapCount + " map" + (mapCount == 1 ? "" : "s"));
        }
        long base = AddressSpace.base(AddressSpace.FIRST_MAP_REGION + l.imm());
        return l.kind() == Imm64Kind.MAP_VALUE ? base + (l.nextImm() & 0xffffffffL) : base;
    }
}
