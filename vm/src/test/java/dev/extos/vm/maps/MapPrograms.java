package dev.extos.vm.maps;

import dev.extos.isa.MapSpec;
import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.verifier.InstructionFacts;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.RegionKind;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.VerifiedProgram;
import dev.extos.verifier.Verifier;
import dev.extos.verifier.VerifierOptions;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Engine;
import dev.extos.vm.Engines;
import dev.extos.vm.Executable;
import dev.extos.vm.HelperTable;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Loads assembly programs with maps through the verified path on an engine and runs them. A
 * program the verifier accepts carries its real facts (so the JIT's direct accesses to map values
 * are exercised); one it refuses on purpose (a write to .rodata, to see the run-time fault) is
 * loaded with empty facts, which keeps every access checked.
 */
final class MapPrograms {
    private MapPrograms() {
    }

    /** Both engines, for tests that compare them. */
    static List<Engine> engines() {
        return List.of(Engines.interpreter(), Engines.jit());
    }

    /** {@code asm} as a program that the verifier "accepted" with {@code maps}. */
    static VerifiedProgram verified(String asm, List<MapSpec> maps) {
        Program program = Assembler.assemble(asm);
        ProgramType type = ProgramType.memory(4096);
        if (Verifier.verify(program, type, maps, VerifierOptions.DEFAULT) instanceof Verdict.Accepted a) {
            return a.program();
        }
        return new VerifiedProgram(program, type, maps, new InstructionFacts(new RegionKind[program.slotCount()]));
    }

    static Executable load(Engine engine, String asm, List<MapSpec> maps) {
        return engine.load(verified(asm, maps), HelperTable.standard());
    }

    /** An address space with {@code maps} installed and {@code data} as the writable data region; r1 = its base. */
    static AddressSpace space(ProgramMaps maps, byte... data) {
        AddressSpace space = new AddressSpace();
        maps.install(space);
        MemorySegment segment = AddressSpace.allocate(data.length);
        segment.copyFrom(MemorySegment.ofArray(data));
        space.mapData("data", segment, true);
        return space;
    }

    /** Runs {@code program} once on {@code data} (r1 = data, r2 = its length). */
    static long run(Executable program, ProgramMaps maps, byte... data) {
        return program.run(space(maps, data), AddressSpace.base(AddressSpace.DATA_REGION), data.length);
    }

    static byte[] u32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    static byte[] u64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    static long u64(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
