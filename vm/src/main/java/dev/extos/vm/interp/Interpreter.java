package dev.extos.vm.interp;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Disassembler;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.AddressSpace.AtomicKind;
import dev.extos.vm.Engine;
import dev.extos.vm.Executable;
import dev.extos.vm.ExecutionFault;
import dev.extos.vm.Helper;
import dev.extos.vm.HelperFunction;
import dev.extos.vm.HelperTable;
import dev.extos.vm.MemoryFault;
import dev.extos.verifier.VerifiedProgram;
import dev.extos.vm.runtime.Arithmetic;
import dev.extos.vm.runtime.TailCalls;

/**
 * The reference interpreter: exact RFC 9669 semantics, every memory access checked by the
 * {@link AddressSpace}. It is the oracle the JIT is tested against, so clarity of meaning wins
 * over cleverness; speed comes from a dense opcode switch over pre-decoded words.
 *
 * <p>Because it may run unverified programs, it bounds what a verifier would have proven: a run
 * may take at most {@code backwardJumpLimit} backward jumps, and calls nest at most 8 deep.
 */
public final class Interpreter implements Engine {
    /** Backward jumps allowed per run unless configured otherwise: ends runaway loops in seconds. */
    public static final long DEFAULT_BACKWARD_JUMP_LIMIT = 1L << 32;

    private final long backwardJumpLimit;

    /** An interpreter with the default backward-jump limit. */
    public Interpreter() {
        this(DEFAULT_BACKWARD_JUMP_LIMIT);
    }

    /** An interpreter that ends a run after {@code backwardJumpLimit} backward jumps. */
    public Interpreter(long backwardJumpLimit) {
        if (backwardJumpLimit < 0) {
            throw new IllegalArgumentException("negative backward-jump limit");
        }
        this.backwardJumpLimit = backwardJumpLimit;
    }

    @Override
    public String name() {
        return "interp";
    }

    @Override
    public Executable load(Program program, HelperTable helpers) {
        return load(program, helpers, -1);
    }

    /** Loads a verified program: its lddw map references resolve to its maps' regions. */
    @Override
    public Executable load(VerifiedProgram program, HelperTable helpers) {
        return load(program.program(), helpers, program.maps().size());
    }

    private Executable load(Program program, HelperTable helpers, int mapCount) {
        Translator.Code code = Translator.translate(program, mapCount);
        int maxId = -1;
        for (Helper h : helpers.all()) {
            maxId = Math.max(maxId, h.id());
        }
        HelperFunction[] functions = new HelperFunction[maxId + 1];
        for (Helper h : helpers.all()) {
            functions[h.id()] = h.function();
        }
        Executable loaded = new Loaded(code, functions, backwardJumpLimit);
        return TailCalls.mayTailCall(program) ? TailCalls.runner(loaded) : loaded;
    }

    /** A program ready to run; immutable, so any number of threads may run it at once. */
    private record Loaded(Translator.Code code, HelperFunction[] helperFunctions, long backwardJumpLimit)
            implements Executable {
        @Override
        public long run(AddressSpace memory, long r1, long r2) {
            return execute(this, memory, r1, r2);
        }
    }

    private static long imm(long ins) {
        return ins >> 32;
    }

    private static int off(long ins) {
        return (short) (ins >>> 16);
    }

    /** Error raised when the jump budget is spent, caught by the dispatch loop to name the instruction. */
    private static final class BudgetExhausted extends RuntimeException {
        private static final BudgetExhausted INSTANCE = new BudgetExhausted();

        private BudgetExhausted() {
            super(null, null, false, false);
        }
    }

    /** Error raised for a faulting helper call or call chain, with its reason. */
    private static final class Fault extends RuntimeException {
        Fault(String message) {
            super(message, null, false, false);
        }
    }

    private static long callHelper(HelperFunction[] functions, long id, AddressSpace memory, long[] r) {
        HelperFunction f = id >= 0 && id < functions.length ? functions[(int) id] : null;
        if (f == null) {
            throw new Fault("call to helper " + Long.toUnsignedString(id) + ", which this domain does not offer");
        }
        return f.call(memory, r[1], r[2], r[3], r[4], r[5]);
    }

    /** The call stack of local calls, made only when a program makes one. */
    private static final class Frames {
        private final int[] returnPc = new int[AddressSpace.MAX_FRAMES];
        private final long[] saved = new long[AddressSpace.MAX_FRAMES * 5];
        private int depth;

        /** Enters a callee from the call at {@code pc}; returns the pc before the callee's first instruction. */
        int call(long[] r, int pc, int offset) {
            if (depth + 1 >= AddressSpace.MAX_FRAMES) {
                throw new Fault("local call nests deeper than " + AddressSpace.MAX_FRAMES + " frames");
            }
            returnPc[depth] = pc;
            System.arraycopy(r, 6, saved, depth * 5, 5);
            depth++;
            // The callee starts with r0 and r6-r9 at 0 so every engine agrees on them.
            r[0] = 0;
            r[6] = 0;
            r[7] = 0;
            r[8] = 0;
            r[9] = 0;
            r[10] = AddressSpace.stackTop(depth);
            return pc + offset;
        }

        /** Leaves a callee; returns the pc of the call, or -1 when the outermost function exits. */
        int exit(long[] r) {
            if (depth == 0) {
                return -1;
            }
            depth--;
            System.arraycopy(saved, depth * 5, r, 6, 5);
            return returnPc[depth];
        }
    }

    // Rarely needed state stays behind `program` so the dispatch loop keeps few values live.
    private static long execute(Loaded program, AddressSpace memory, long r1, long r2) {
        final long[] code = program.code().words();
        long[] r = new long[16];
        r[1] = r1;
        r[2] = r2;
        r[10] = AddressSpace.stackTop(0);
        long budget = program.backwardJumpLimit();
        Frames frames = null;
        int pc = 0;
        try {
            while (true) {
                long ins = code[pc];
                int dst = (int) (ins >>> 8) & 15;
                int src = (int) (ins >>> 12) & 15;
                switch ((int) ins & 0xff) {
                    case Op.ADD64_R -> r[dst] += r[src];
                    case Op.ADD64_I -> r[dst] += imm(ins);
                    case Op.SUB64_R -> r[dst] -= r[src];
                    case Op.SUB64_I -> r[dst] -= imm(ins);
                    case Op.MUL64_R -> r[dst] *= r[src];
                    case Op.MUL64_I -> r[dst] *= imm(ins);
                    case Op.DIV64_R -> r[dst] = Arithmetic.div64(r[dst], r[src]);
                    case Op.DIV64_I -> r[dst] = Arithmetic.div64(r[dst], imm(ins));
                    case Op.SDIV64_R -> r[dst] = Arithmetic.sdiv64(r[dst], r[src]);
                    case Op.SDIV64_I -> r[dst] = Arithmetic.sdiv64(r[dst], imm(ins));
                    case Op.OR64_R -> r[dst] |= r[src];
                    case Op.OR64_I -> r[dst] |= imm(ins);
                    case Op.AND64_R -> r[dst] &= r[src];
                    case Op.AND64_I -> r[dst] &= imm(ins);
                    case Op.LSH64_R -> r[dst] <<= r[src];
                    case Op.LSH64_I -> r[dst] <<= imm(ins);
                    case Op.RSH64_R -> r[dst] >>>= r[src];
                    case Op.RSH64_I -> r[dst] >>>= imm(ins);
                    case Op.MOD64_R -> r[dst] = Arithmetic.mod64(r[dst], r[src]);
                    case Op.MOD64_I -> r[dst] = Arithmetic.mod64(r[dst], imm(ins));
                    case Op.SMOD64_R -> r[dst] = Arithmetic.smod64(r[dst], r[src]);
                    case Op.SMOD64_I -> r[dst] = Arithmetic.smod64(r[dst], imm(ins));
                    case Op.XOR64_R -> r[dst] ^= r[src];
                    case Op.XOR64_I -> r[dst] ^= imm(ins);
                    case Op.MOV64_R -> r[dst] = r[src];
                    case Op.MOV64_I -> r[dst] = imm(ins);
                    case Op.ARSH64_R -> r[dst] >>= r[src];
                    case Op.ARSH64_I -> r[dst] >>= imm(ins);
                    case Op.NEG64 -> r[dst] = -r[dst];
                    case Op.ADD32_R -> r[dst] = ((int) r[dst] + (int) r[src]) & 0xffffffffL;
                    case Op.ADD32_I -> r[dst] = ((int) r[dst] + (int) (ins >> 32)) & 0xffffffffL;
                    case Op.SUB32_R -> r[dst] = ((int) r[dst] - (int) r[src]) & 0xffffffffL;
                    case Op.SUB32_I -> r[dst] = ((int) r[dst] - (int) (ins >> 32)) & 0xffffffffL;
                    case Op.MUL32_R -> r[dst] = ((int) r[dst] * (int) r[src]) & 0xffffffffL;
                    case Op.MUL32_I -> r[dst] = ((int) r[dst] * (int) (ins >> 32)) & 0xffffffffL;
                    case Op.DIV32_R -> r[dst] = Arithmetic.div32((int) r[dst], (int) r[src]);
                    case Op.DIV32_I -> r[dst] = Arithmetic.div32((int) r[dst], (int) (ins >> 32));
                    case Op.SDIV32_R -> r[dst] = Arithmetic.sdiv32((int) r[dst], (int) r[src]);
                    case Op.SDIV32_I -> r[dst] = Arithmetic.sdiv32((int) r[dst], (int) (ins >> 32));
                    case Op.OR32_R -> r[dst] = ((int) r[dst] | (int) r[src]) & 0xffffffffL;
                    case Op.OR32_I -> r[dst] = ((int) r[dst] | (int) (ins >> 32)) & 0xffffffffL;
                    case Op.AND32_R -> r[dst] = ((int) r[dst] & (int) r[src]) & 0xffffffffL;
                    case Op.AND32_I -> r[dst] = ((int) r[dst] & (int) (ins >> 32)) & 0xffffffffL;
                    case Op.LSH32_R -> r[dst] = ((int) r[dst] << (int) r[src]) & 0xffffffffL;
                    case Op.LSH32_I -> r[dst] = ((int) r[dst] << (int) (ins >> 32)) & 0xffffffffL;
                    case Op.RSH32_R -> r[dst] = ((int) r[dst] >>> (int) r[src]) & 0xffffffffL;
                    case Op.RSH32_I -> r[dst] = ((int) r[dst] >>> (int) (ins >> 32)) & 0xffffffffL;
                    case Op.MOD32_R -> r[dst] = Arithmetic.mod32((int) r[dst], (int) r[src]);
                    case Op.MOD32_I -> r[dst] = Arithmetic.mod32((int) r[dst], (int) (ins >> 32));
                    case Op.SMOD32_R -> r[dst] = Arithmetic.smod32((int) r[dst], (int) r[src]);
                    case Op.SMOD32_I -> r[dst] = Arithmetic.smod32((int) r[dst], (int) (ins >> 32));
                    case Op.XOR32_R -> r[dst] = ((int) r[dst] ^ (int) r[src]) & 0xffffffffL;
                    case Op.XOR32_I -> r[dst] = ((int) r[dst] ^ (int) (ins >> 32)) & 0xffffffffL;
                    case Op.MOV32_R -> r[dst] = ((int) r[src]) & 0xffffffffL;
                    case Op.MOV32_I -> r[dst] = ((int) (ins >> 32)) & 0xffffffffL;
                    case Op.ARSH32_R -> r[dst] = ((int) r[dst] >> (int) r[src]) & 0xffffffffL;
                    case Op.ARSH32_I -> r[dst] = ((int) r[dst] >> (int) (ins >> 32)) & 0xffffffffL;
                    case Op.NEG32 -> r[dst] = (-(int) r[dst]) & 0xffffffffL;
                    case Op.MOVSX32_8 -> r[dst] = ((byte) r[src]) & 0xffffffffL;
                    case Op.MOVSX32_16 -> r[dst] = ((short) r[src]) & 0xffffffffL;
                    case Op.MOVSX64_8 -> r[dst] = (byte) r[src];
                    case Op.MOVSX64_16 -> r[dst] = (short) r[src];
                    case Op.MOVSX64_32 -> r[dst] = (int) r[src];
                    case Op.LE16 -> r[dst] &= 0xffffL;
                    case Op.LE32 -> r[dst] &= 0xffffffffL;
                    case Op.LE64 -> { }
                    case Op.BE16 -> r[dst] = Short.reverseBytes((short) r[dst]) & 0xffffL;
                    case Op.BE32 -> r[dst] = Integer.reverseBytes((int) r[dst]) & 0xffffffffL;
                    case Op.BE64 -> r[dst] = Long.reverseBytes(r[dst]);
                    case Op.BSWAP16 -> r[dst] = Short.reverseBytes((short) r[dst]) & 0xffffL;
                    case Op.BSWAP32 -> r[dst] = Integer.reverseBytes((int) r[dst]) & 0xffffffffL;
                    case Op.BSWAP64 -> r[dst] = Long.reverseBytes(r[dst]);
                    case Op.JA -> { int o = (int) (ins >> 32); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; }
                    case Op.JEQ64_R -> { if (r[dst] == r[src]) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JEQ64_I -> { if (r[dst] == imm(ins)) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JGT64_R -> { if (Long.compareUnsigned(r[dst], r[src]) > 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JGT64_I -> { if (Long.compareUnsigned(r[dst], imm(ins)) > 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JGE64_R -> { if (Long.compareUnsigned(r[dst], r[src]) >= 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JGE64_I -> { if (Long.compareUnsigned(r[dst], imm(ins)) >= 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSET64_R -> { if ((r[dst] & r[src]) != 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSET64_I -> { if ((r[dst] & imm(ins)) != 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JNE64_R -> { if (r[dst] != r[src]) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JNE64_I -> { if (r[dst] != imm(ins)) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSGT64_R -> { if (r[dst] > r[src]) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSGT64_I -> { if (r[dst] > imm(ins)) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSGE64_R -> { if (r[dst] >= r[src]) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSGE64_I -> { if (r[dst] >= imm(ins)) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JLT64_R -> { if (Long.compareUnsigned(r[dst], r[src]) < 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JLT64_I -> { if (Long.compareUnsigned(r[dst], imm(ins)) < 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JLE64_R -> { if (Long.compareUnsigned(r[dst], r[src]) <= 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JLE64_I -> { if (Long.compareUnsigned(r[dst], imm(ins)) <= 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSLT64_R -> { if (r[dst] < r[src]) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSLT64_I -> { if (r[dst] < imm(ins)) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSLE64_R -> { if (r[dst] <= r[src]) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSLE64_I -> { if (r[dst] <= imm(ins)) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JEQ32_R -> { if ((int) r[dst] == (int) r[src]) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JEQ32_I -> { if ((int) r[dst] == (int) (ins >> 32)) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JGT32_R -> { if (Integer.compareUnsigned((int) r[dst], (int) r[src]) > 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JGT32_I -> { if (Integer.compareUnsigned((int) r[dst], (int) (ins >> 32)) > 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JGE32_R -> { if (Integer.compareUnsigned((int) r[dst], (int) r[src]) >= 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JGE32_I -> { if (Integer.compareUnsigned((int) r[dst], (int) (ins >> 32)) >= 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSET32_R -> { if (((int) r[dst] & (int) r[src]) != 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSET32_I -> { if (((int) r[dst] & (int) (ins >> 32)) != 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JNE32_R -> { if ((int) r[dst] != (int) r[src]) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JNE32_I -> { if ((int) r[dst] != (int) (ins >> 32)) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSGT32_R -> { if ((int) r[dst] > (int) r[src]) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSGT32_I -> { if ((int) r[dst] > (int) (ins >> 32)) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSGE32_R -> { if ((int) r[dst] >= (int) r[src]) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSGE32_I -> { if ((int) r[dst] >= (int) (ins >> 32)) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JLT32_R -> { if (Integer.compareUnsigned((int) r[dst], (int) r[src]) < 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JLT32_I -> { if (Integer.compareUnsigned((int) r[dst], (int) (ins >> 32)) < 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JLE32_R -> { if (Integer.compareUnsigned((int) r[dst], (int) r[src]) <= 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JLE32_I -> { if (Integer.compareUnsigned((int) r[dst], (int) (ins >> 32)) <= 0) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSLT32_R -> { if ((int) r[dst] < (int) r[src]) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSLT32_I -> { if ((int) r[dst] < (int) (ins >> 32)) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSLE32_R -> { if ((int) r[dst] <= (int) r[src]) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.JSLE32_I -> { if ((int) r[dst] <= (int) (ins >> 32)) { int o = off(ins); if (o < 0 && --budget < 0) throw BudgetExhausted.INSTANCE; pc += o; } }
                    case Op.LDXB -> r[dst] = memory.load8(r[src] + off(ins));
                    case Op.LDXH -> r[dst] = memory.load16(r[src] + off(ins));
                    case Op.LDXW -> r[dst] = memory.load32(r[src] + off(ins));
                    case Op.LDXDW -> r[dst] = memory.load64(r[src] + off(ins));
                    case Op.LDXSB -> r[dst] = (byte) memory.load8(r[src] + off(ins));
                    case Op.LDXSH -> r[dst] = (short) memory.load16(r[src] + off(ins));
                    case Op.LDXSW -> r[dst] = (int) memory.load32(r[src] + off(ins));
                    case Op.STB -> memory.store8(r[dst] + off(ins), imm(ins));
                    case Op.STXB -> memory.store8(r[dst] + off(ins), r[src]);
                    case Op.STH -> memory.store16(r[dst] + off(ins), imm(ins));
                    case Op.STXH -> memory.store16(r[dst] + off(ins), r[src]);
                    case Op.STW -> memory.store32(r[dst] + off(ins), imm(ins));
                    case Op.STXW -> memory.store32(r[dst] + off(ins), r[src]);
                    case Op.STDW -> memory.store64(r[dst] + off(ins), imm(ins));
                    case Op.STXDW -> memory.store64(r[dst] + off(ins), r[src]);
                    case Op.ATOMIC_ADD32 -> memory.atomic(AtomicKind.ADD, r[dst] + off(ins), 4, r[src]);
                    case Op.ATOMIC_FETCH_ADD32 -> r[src] = memory.atomic(AtomicKind.ADD, r[dst] + off(ins), 4, r[src]);
                    case Op.ATOMIC_OR32 -> memory.atomic(AtomicKind.OR, r[dst] + off(ins), 4, r[src]);
                    case Op.ATOMIC_FETCH_OR32 -> r[src] = memory.atomic(AtomicKind.OR, r[dst] + off(ins), 4, r[src]);
                    case Op.ATOMIC_AND32 -> memory.atomic(AtomicKind.AND, r[dst] + off(ins), 4, r[src]);
                    case Op.ATOMIC_FETCH_AND32 -> r[src] = memory.atomic(AtomicKind.AND, r[dst] + off(ins), 4, r[src]);
                    case Op.ATOMIC_XOR32 -> memory.atomic(AtomicKind.XOR, r[dst] + off(ins), 4, r[src]);
                    case Op.ATOMIC_FETCH_XOR32 -> r[src] = memory.atomic(AtomicKind.XOR, r[dst] + off(ins), 4, r[src]);
                    case Op.ATOMIC_XCHG32 -> r[src] = memory.atomic(AtomicKind.XCHG, r[dst] + off(ins), 4, r[src]);
                    case Op.ATOMIC_ADD64 -> memory.atomic(AtomicKind.ADD, r[dst] + off(ins), 8, r[src]);
                    case Op.ATOMIC_FETCH_ADD64 -> r[src] = memory.atomic(AtomicKind.ADD, r[dst] + off(ins), 8, r[src]);
                    case Op.ATOMIC_OR64 -> memory.atomic(AtomicKind.OR, r[dst] + off(ins), 8, r[src]);
                    case Op.ATOMIC_FETCH_OR64 -> r[src] = memory.atomic(AtomicKind.OR, r[dst] + off(ins), 8, r[src]);
                    case Op.ATOMIC_AND64 -> memory.atomic(AtomicKind.AND, r[dst] + off(ins), 8, r[src]);
                    case Op.ATOMIC_FETCH_AND64 -> r[src] = memory.atomic(AtomicKind.AND, r[dst] + off(ins), 8, r[src]);
                    case Op.ATOMIC_XOR64 -> memory.atomic(AtomicKind.XOR, r[dst] + off(ins), 8, r[src]);
                    case Op.ATOMIC_FETCH_XOR64 -> r[src] = memory.atomic(AtomicKind.XOR, r[dst] + off(ins), 8, r[src]);
                    case Op.ATOMIC_XCHG64 -> r[src] = memory.atomic(AtomicKind.XCHG, r[dst] + off(ins), 8, r[src]);
                    case Op.ATOMIC_CMPXCHG32 -> r[0] = memory.compareAndExchange(r[dst] + off(ins), 4, r[0], r[src]);
                    case Op.ATOMIC_CMPXCHG64 -> r[0] = memory.compareAndExchange(r[dst] + off(ins), 8, r[0], r[src]);
                    case Op.LDDW -> r[dst] = program.code().wideImmediates()[pc++];
                    case Op.CALL -> r[0] = callHelper(program.helperFunctions(), (int) (ins >> 32), memory, r);
                    case Op.CALLX -> r[0] = callHelper(program.helperFunctions(), r[dst], memory, r);
                    case Op.CALL_LOCAL -> {
                        if (frames == null) {
                            frames = new Frames();
                        }
                        pc = frames.call(r, pc, (int) (ins >> 32));
                    }
                    case Op.EXIT -> {
                        int back = frames == null ? -1 : frames.exit(r);
                        if (back < 0) {
                            return r[0];
                        }
                        pc = back;
                    }
                    case Op.END -> throw new Fault("execution ran past the last instruction (a program ends with exit)");
                    default -> throw new IllegalStateException("corrupt interpreter code at slot " + pc);
                }
                pc++;
            }
        } catch (MemoryFault e) {
            throw fault(program.code().program(), pc, e.getMessage());
        } catch (Fault e) {
            throw fault(program.code().program(), pc, e.getMessage());
        } catch (BudgetExhausted e) {
            throw fault(program.code().program(), pc,
                    "more than " + program.backwardJumpLimit() + " backward jumps: the program does not terminate in time");
        }
    }

    private static ExecutionFault fault(Program program, int pc, String reason) {
        String text = pc < program.slotCount() && program.at(pc) != null ? Disassembler.format(program.at(pc)) : null;
        return new ExecutionFault(pc, text, reason);
    }
}
