package dev.extos.vm.jit;

import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.Program;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/**
 * A function too large for one method (see {@link JitCompiler#HUGE_METHOD_LIMIT}), cut into
 * chunks of consecutive slots, each its own method. Control stays inside a chunk at full speed;
 * crossing into another chunk (by jump or fall-through) returns to the function's dispatcher
 * with the registers in an array and the next chunk and slot in the returned long. The cut is
 * by a conservative estimate of bytecode per instruction, so a chunk stays well under the limit.
 */
record SplitFunction(FunctionPlan function, List<Chunk> chunks, int[] chunkOf) {

    /** What a chunk returns to continue at {@code pc}: the chunk holding it in the high half, the pc in the low. */
    long next(int pc) {
        return ((long) chunkOf[pc] << 32) | pc;
    }

    /** What a chunk returns when the function exits (r0 is then in the register array). */
    static final long EXIT = -1;

    /** Slots of one chunk in order, and those control may enter it at (entry or targets from other chunks). */
    record Chunk(int index, int[] slots, int[] entries) {

        BitSet members() {
            BitSet b = new BitSet();
            for (int s : slots) {
                b.set(s);
            }
            return b;
        }

        String methodName(FunctionPlan f) {
            return f.methodName() + "$" + index;
        }
    }

    /** Bytes a chunk reserves for its prologue, entry switch and exit stubs, beyond its instructions. */
    private static final int CHUNK_OVERHEAD = 1200;

    /** Cuts {@code f} into chunks whose estimated bytecode stays under {@code targetBytes}. */
    static SplitFunction of(Program program, FunctionPlan f, int targetBytes) {
        List<int[]> runs = new ArrayList<>();
        int budget = Math.max(1, targetBytes - CHUNK_OVERHEAD);
        int start = 0;
        int bytes = 0;
        int[] slots = f.slots();
        for (int k = 0; k < slots.length; k++) {
            int cost = estimate(program, slots[k]);
            if (k > start && bytes + cost > budget) {
                runs.add(Arrays.copyOfRange(slots, start, k));
                start = k;
                bytes = 0;
            }
            bytes += cost;
        }
        runs.add(Arrays.copyOfRange(slots, start, slots.length));

        int[] chunkOf = new int[program.slotCount() + 1];
        for (int c = 0; c < runs.size(); c++) {
            for (int s : runs.get(c)) {
                chunkOf[s] = c;
            }
        }
        List<TreeSet<Integer>> entries = new ArrayList<>();
        for (int c = 0; c < runs.size(); c++) {
            entries.add(new TreeSet<>());
        }
        entries.get(chunkOf[f.entry()]).add(f.entry());
        for (int c = 0; c < runs.size(); c++) {
            for (int s : runs.get(c)) {
                for (int next : ProgramPlan.successors(program, s)) {
                    if (chunkOf[next] != c) {
                        entries.get(chunkOf[next]).add(next);
                    }
                }
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        for (int c = 0; c < runs.size(); c++) {
            chunks.add(new Chunk(c, runs.get(c), entries.get(c).stream().mapToInt(Integer::intValue).toArray()));
        }
        return new SplitFunction(f, List.copyOf(chunks), chunkOf);
    }

    /** A generous estimate of the bytecode function {@code f} compiles to as one method. */
    static int estimate(Program program, FunctionPlan f) {
        int bytes = 0;
        for (int s : f.slots()) {
            bytes += estimate(program, s);
        }
        return bytes;
    }

    /** A generous estimate of the bytecode one slot compiles to (its handler included). */
    static int estimate(Program program, int pc) {
        if (pc == program.slotCount()) {
            return 10;
        }
        Instruction i = program.at(pc);
        return switch (i) {
            case Alu a -> 16;
            case Neg n -> 12;
            case MovSx m -> 12;
            case ByteSwap b -> 14;
            case LoadImm64 l -> 6;
            case Jump j -> j.offset() < 0 ? 70 : 40;
            case Goto g -> g.offset() < 0 ? 30 : 3;
            case Load l -> 28;
            case Store s -> 30;
            case Atomic a -> 34;
            case Call c -> 32;
            case CallRegister c -> 40;
            case CallLocal c -> 100;
            case Exit e -> 70;
            default -> 40;
        };
    }
}
