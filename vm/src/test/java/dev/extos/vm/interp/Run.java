package dev.extos.vm.interp;

import dev.extos.isa.asm.Assembler;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Executable;
import dev.extos.vm.HelperTable;
import java.lang.foreign.MemorySegment;

/** Assembles and runs small programs on the interpreter for tests. */
final class Run {
    private Run() {
    }

    static Executable load(String asm) {
        return new Interpreter().load(Assembler.assemble(asm), HelperTable.standard());
    }

    /** Runs {@code asm} with r1 pointing at a writable copy of {@code memory}, r2 its length. */
    static long run(String asm, byte... memory) {
        AddressSpace space = new AddressSpace();
        MemorySegment segment = AddressSpace.allocate(memory.length);
        segment.copyFrom(MemorySegment.ofArray(memory));
        long base = space.map("memory", segment, true);
        return load(asm).run(space, base, memory.length);
    }
}
