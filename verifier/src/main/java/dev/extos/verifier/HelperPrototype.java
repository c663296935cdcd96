package dev.extos.verifier;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The signature of a helper function a program type allows: what each argument register must
 * hold and what r0 holds afterwards. r1-r5 are unreadable after any helper call, as in the kernel.
 */
public record HelperPrototype(int id, String name, List<Argument> arguments, Result result) {

    /** What an argument register must hold. (Map handles and sized stack buffers come with maps.) */
    public enum Argument {
        /** Any initialised scalar. */
        SCALAR
    }

    /** What r0 holds after the call. */
    public enum Result {
        /** Any 64-bit scalar. */
        U64,
        /** A scalar in [0, 2^32). */
        U32
    }

    public HelperPrototype {
        Objects.requireNonNull(name);
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(result);
        if (arguments.size() > 5) {
            throw new IllegalArgumentException("helpers take at most 5 arguments (r1-r5)");
        }
    }

    /** The Linux kernel's {@code bpf_ktime_get_ns} (5): no arguments, a 64-bit time. */
    public static final HelperPrototype KTIME_GET_NS = new HelperPrototype(5, "ktime_get_ns", List.of(), Result.U64);

    /** The Linux kernel's {@code bpf_get_prandom_u32} (7): no arguments, a 32-bit random number. */
    public static final HelperPrototype GET_PRANDOM_U32 = new HelperPrototype(7, "get_prandom_u32", List.of(), Result.U32);

    /** The helpers every program type allows, by id (the vm's standard helper table implements them). */
    public static Map<Integer, HelperPrototype> standard() {
        return Map.of(KTIME_GET_NS.id(), KTIME_GET_NS, GET_PRANDOM_U32.id(), GET_PRANDOM_U32);
    }
}
