package dev.extos.vm.jit;

import dev.extos.isa.Program;
import dev.extos.verifier.VerifiedProgram;
import dev.extos.vm.Engine;
import dev.extos.vm.Executable;
import dev.extos.vm.HelperTable;
import dev.extos.vm.interp.Interpreter;
import dev.extos.vm.runtime.TailCalls;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JIT engine: compiles a program to one hidden class whose methods are its functions, with
 * eBPF registers as long locals, so that HotSpot compiles it to native code. Semantics are the
 * reference interpreter's, fault for fault. A function too large for one method is split into
 * chunks; a program that still does not fit runs on the interpreter (see {@link #HUGE_METHOD_LIMIT}).
 */
public final class JitCompiler implements Engine {
    /**
     * Largest bytecode size of one generated method. HotSpot does not compile methods larger
     * than 8000 bytes ({@code -XX:HugeMethodLimit}, with {@code DontCompileHugeMethods} on by
     * default), so such a method would run in the bytecode interpreter, slower than ours; the
     * JVM's own hard limit is 64 KiB. A function whose method would be larger is split into
     * chunks of about {@link #CHUNK_BYTES}; if a method is still larger, the program falls back.
     */
    public static final int HUGE_METHOD_LIMIT = 8000;
    /** The bytecode size, by a generous estimate, that the chunks of a split function aim at. */
    public static final int CHUNK_BYTES = 6000;
    /**
     * Reachable instructions of one function beyond which it is split without first trying it
     * whole: every instruction but a no-op {@code le64} emits at least 2 bytes.
     */
    public static final int MAX_FUNCTION_INSTRUCTIONS = HUGE_METHOD_LIMIT / 2;
    /** Most instructions emitted over all functions (code shared by functions is emitted once per function). */
    public static final int MAX_TOTAL_INSTRUCTIONS = 100_000;

    private static final System.Logger LOG = System.getLogger(JitCompiler.class.getName());
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private final long backwardJumpLimit;
    private final int chunkBytes;
    private final boolean splitEverything;

    /** A JIT with the interpreter's default backward-jump limit. */
    public JitCompiler() {
        this(Interpreter.DEFAULT_BACKWARD_JUMP_LIMIT);
    }

    /** A JIT whose runs end after {@code backwardJumpLimit} backward jumps, as the interpreter's do. */
    public JitCompiler(long backwardJumpLimit) {
        this(backwardJumpLimit, CHUNK_BYTES, false);
    }

    /** For tests: split every function (or only large ones) into chunks of about {@code chunkBytes}. */
    JitCompiler(long backwardJumpLimit, int chunkBytes, boolean splitEverything) {
        if (backwardJumpLimit < 0) {
            throw new IllegalArgumentException("negative backward-jump limit");
        }
        this.backwardJumpLimit = backwardJumpLimit;
        this.chunkBytes = chunkBytes;
        this.splitEverything = splitEverything;
    }

    @Override
    public String name() {
        return "jit";
    }

    @Override
    public Executable load(Program program, HelperTable helpers) {
        return compile(program, helpers).executable();
    }

    /**
     * Loads a verified program: its lddw map references resolve to its maps' regions, and where the
     * verifier's facts name the region an access touches, the code accesses that region's segment
     * directly (see {@link DirectMemoryAccess}).
     */
    @Override
    public Executable load(VerifiedProgram program, HelperTable helpers) {
        return compile(program, helpers).executable();
    }

    /** Compiles {@code program}, or prepares it for the interpreter if it is too large; says which. */
    public Compilation compile(Program program, HelperTable helpers) {
        return compile(program, helpers, new CheckedMemoryAccess(), false,
                new Interpreter(backwardJumpLimit).load(program, helpers));
    }

    /**
     * Compiles a verified program with direct region access where its facts allow, or falls back
     * as above. With the default limit ({@link Interpreter#DEFAULT_BACKWARD_JUMP_LIMIT}, 2^32) the
     * code keeps no backward-jump budget: the verifier proved that the program terminates, and
     * its exploration cap (a million instructions by default) bounds the jumps of a run far below
     * the limit, so the budget could never run out. It costs a third of a tight loop's time.
     * With a smaller, explicit limit the budget is counted exactly as the interpreter counts it.
     */
    public Compilation compile(VerifiedProgram program, HelperTable helpers) {
        return compile(program.program(), helpers, new DirectMemoryAccess(program.program(), program.facts()),
                backwardJumpLimit >= Interpreter.DEFAULT_BACKWARD_JUMP_LIMIT,
                new Interpreter(backwardJumpLimit).load(program, helpers));
    }

    /**
     * {@code interpreted} is the interpreter's load of the same program: its loader performs the
     * load-time checks (jump targets, lddw map references, packet loads, kfuncs) with its exact
     * messages, and it is the fallback if we cannot compile.
     */
    private Compilation compile(Program program, HelperTable helpers, MemoryAccessStrategy memory, boolean proven,
                                Executable interpreted) {
        ProgramPlan plan = proven ? ProgramPlan.of(program, helpers).withoutBudget() : ProgramPlan.of(program, helpers);
        if (plan.totalSize() > MAX_TOTAL_INSTRUCTIONS) {
            return fallBack(interpreted, program, "its functions have " + plan.totalSize() + " instructions in all, over "
                    + MAX_TOTAL_INSTRUCTIONS);
        }
        Set<Integer> split = new HashSet<>();
        for (FunctionPlan f : plan.functions()) {
            if (splitEverything || f.size() > MAX_FUNCTION_INSTRUCTIONS) {
                split.add(f.entry());
            }
        }
        byte[] bytes = write(plan, memory, split);
        Map<String, Integer> tooLarge = bytes == null ? Map.of() : tooLarge(bytes);
        if (bytes == null || !tooLarge.isEmpty()) {
            // Second pass: split the functions whose method came out too large (or, when the
            // class file refused the first pass outright, those estimated to be).
            for (FunctionPlan f : plan.functions()) {
                boolean large = bytes == null
                        ? SplitFunction.estimate(plan.program(), f) > HUGE_METHOD_LIMIT
                        : tooLarge.containsKey(f.methodName());
                if (large) {
                    split.add(f.entry());
                }
            }
            bytes = write(plan, memory, split);
            if (bytes == null) {
                return fallBack(interpreted, program, "the class file cannot hold it, even split");
            }
            tooLarge = tooLarge(bytes);
            if (!tooLarge.isEmpty()) {
                return fallBack(interpreted, program, "methods over the " + HUGE_METHOD_LIMIT
                        + " bytes of bytecode HotSpot compiles, even split: " + tooLarge);
            }
        }
        Executable compiled = define(bytes, JitLinkage.of(program, helpers));
        return new Compilation(TailCalls.mayTailCall(program) ? TailCalls.runner(compiled) : compiled, Optional.of(bytes),
                Optional.empty());
    }

    /** The class, or null when the class file API refuses it (over 64 KiB of code, a full constant pool). */
    private byte[] write(ProgramPlan plan, MemoryAccessStrategy memory, Set<Integer> split) {
        try {
            return ClassEmitter.write(plan, memory, backwardJumpLimit, split, chunkBytes);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Compilation fallBack(Executable interpreted, Program program, String reason) {
        LOG.log(System.Logger.Level.INFO, "jit: running " + program + " on the interpreter: " + reason);
        return new Compilation(interpreted, Optional.empty(), Optional.of(reason));
    }

    /** The methods of the class in {@code bytes} larger than HUGE_METHOD_LIMIT, with their sizes. */
    private static Map<String, Integer> tooLarge(byte[] bytes) {
        Map<String, Integer> large = new LinkedHashMap<>();
        for (MethodModel m : ClassFile.of().parse(bytes).methods()) {
            int size = m.code().map(c -> ((CodeAttribute) c).codeLength()).orElse(0);
            if (size > HUGE_METHOD_LIMIT) {
                large.put(m.methodName().stringValue(), size);
            }
        }
        return large;
    }

    private static Executable define(byte[] bytes, JitLinkage linkage) {
        try {
            // Not STRONG: the class is unloaded once the Executable (its only instance) is unreachable.
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClassWithClassData(bytes, linkage, true);
            return (Executable) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define the compiled class", e);
        }
    }
}
