package dev.extos.vm.runtime;

import dev.extos.isa.Instruction;
import dev.extos.isa.Program;
import dev.extos.verifier.HelperCatalog;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Executable;

/**
 * Tail calls, the same for every engine: the {@code tail_call} helper throws {@link Request},
 * which unwinds the caller's frames (the caller never resumes), and the outermost run of the
 * address space catches it and runs the target with r1 = the context. A run makes at most
 * {@link #MAX_TAIL_CALLS} tail calls (the kernel's MAX_TAIL_CALL_CNT); the next one fails and the
 * caller continues. Engines wrap a program that may tail call in {@link #runner}.
 */
public final class TailCalls {
    /** Most tail calls in one run, as in the kernel. */
    public static final int MAX_TAIL_CALLS = 33;

    private TailCalls() {
    }

    /** The tail calls of the run in progress in one address space (thread-confined like it). */
    private static final class Counter {
        boolean active;
        int count;
    }

    /** Thrown by the helper to replace the running program; carries no stack trace. */
    public static final class Request extends RuntimeException {
        private final Executable target;
        private final long context;

        Request(Executable target, long context) {
            super(null, null, false, false);
            this.target = target;
            this.context = context;
        }
    }

    /** True when {@code program} may call tail_call (by number, or through callx), so its engine must wrap it in {@link #runner}. */
    public static boolean mayTailCall(Program program) {
        for (int pc : program.startSlots()) {
            Instruction i = program.at(pc);
            if (i instanceof Instruction.CallRegister
                    || (i instanceof Instruction.Call c && c.helper() == HelperCatalog.TAIL_CALL.id())) {
                return true;
            }
        }
        return false;
    }

    /** {@code body} as an executable that accepts tail calls made while it runs outermost. */
    public static Executable runner(Executable body) {
        return (memory, r1, r2) -> run(body, memory, r1, r2);
    }

    private static long run(Executable body, AddressSpace memory, long r1, long r2) {
        Counter c = memory.attachment(Counter.class);
        if (c == null) {
            c = new Counter();
            memory.attach(Counter.class, c);
        } else if (c.active) {
            return body.run(memory, r1, r2); // a tail call's target: the outermost run owns the loop
        }
        c.active = true;
        c.count = 0;
        try {
            Executable current = body;
            long context = r1;
            while (true) {
                try {
                    return current.run(memory, context, r2);
                } catch (Request next) {
                    current = next.target;
                    context = next.context;
                }
            }
        } finally {
            c.active = false;
        }
    }

    /**
     * What the helper does: when the limit allows, counts the call and throws the request that
     * replaces the running program with {@code target}; otherwise returns false (the call fails).
     */
    public static boolean tailCall(AddressSpace memory, Executable target, long context) {
        Counter c = memory.attachment(Counter.class);
        if (c == null || !c.active || c.count >= MAX_TAIL_CALLS) {
            return false;
        }
        c.count++;
        throw new Request(target, context);
    }
}
