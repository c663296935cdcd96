package dev.extos.verifier;

import dev.extos.isa.MapType;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The signature of a helper function: what each argument register must hold and what r0 holds
 * afterwards. r1-r5 are unreadable after any helper call, as in the kernel. The catalog of
 * helpers ExtOS offers is {@link HelperCatalog}; the vm pairs each prototype with its implementation.
 *
 * @param mapTypes the map types a {@link Argument#CONST_MAP} argument accepts (empty: the helper takes no map)
 */
public record HelperPrototype(int id, String name, List<Argument> arguments, Result result, Set<MapType> mapTypes) {

    /** What an argument register must hold (the kernel's {@code enum bpf_arg_type}, the kinds ExtOS needs). */
    public enum Argument {
        /** Any initialised scalar. */
        SCALAR,
        /** A map handle ({@code lddw rX, map_fd i}) of one of the prototype's {@code mapTypes}. */
        CONST_MAP,
        /** A pointer to key-size initialised readable bytes of the map given in an earlier CONST_MAP argument. */
        MAP_KEY,
        /** A pointer to value-size initialised readable bytes of the map given in an earlier CONST_MAP argument. */
        MAP_VALUE,
        /** A pointer to value-size writable bytes (may be uninitialised; the helper fills them). */
        UNINIT_MAP_VALUE,
        /** The context pointer the program received in r1. */
        CONTEXT,
        /** A pointer to initialised readable memory whose length is the next argument. */
        READ_MEMORY,
        /**
         * Like READ_MEMORY, but a pointer into record or packet data (or the arguments) needs no
         * proven length: the helper reads at most up to the data's end at run time, whatever the
         * next argument says, so {@code extos_find_byte(data, data_end - data, c)} is accepted.
         */
        RECORD_MEMORY,
        /** A pointer to writable memory (may be uninitialised) whose length is the next argument. */
        WRITE_MEMORY,
        /** The length of the preceding memory argument: a scalar with a known bound, greater than 0. */
        SIZE,
        /** The length of the preceding memory argument, which may be 0. */
        SIZE_OR_ZERO,
        /** A pointer to 8 writable bytes (may be uninitialised) where the helper stores a 64-bit result. */
        WRITE_U64,
        /** A pointer returned by {@code ringbuf_reserve}, at offset 0; the call releases it. */
        RINGBUF_MEMORY
    }

    /** What r0 holds after the call. */
    public enum Result {
        /** Any 64-bit scalar. */
        U64,
        /** A scalar in [0, 2^32). */
        U32,
        /** A pointer to a value of the CONST_MAP argument's map, or 0: the program must test it before use. */
        MAP_VALUE_OR_NULL,
        /**
         * A pointer to as many writable bytes as the constant second argument says, or 0; the program
         * must test it, then release it with submit or discard on every path.
         */
        RINGBUF_MEMORY_OR_NULL,
        /** Nothing: r0 is unreadable after the call. */
        NONE
    }

    public HelperPrototype {
        Objects.requireNonNull(name);
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(result);
        mapTypes = Set.copyOf(mapTypes);
        if (arguments.size() > 5) {
            throw new IllegalArgumentException("helpers take at most 5 arguments (r1-r5)");
        }
        if (arguments.contains(Argument.CONST_MAP) == mapTypes.isEmpty()) {
            throw new IllegalArgumentException("helper " + name + ": map types are given exactly when a map is an argument");
        }
    }

    /** A prototype that takes no map. */
    public HelperPrototype(int id, String name, List<Argument> arguments, Result result) {
        this(id, name, arguments, result, Set.of());
    }
}
