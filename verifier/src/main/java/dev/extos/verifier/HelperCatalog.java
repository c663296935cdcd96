package dev.extos.verifier;

import static dev.extos.verifier.HelperPrototype.Argument.CONST_MAP;
import static dev.extos.verifier.HelperPrototype.Argument.CONTEXT;
import static dev.extos.verifier.HelperPrototype.Argument.MAP_KEY;
import static dev.extos.verifier.HelperPrototype.Argument.MAP_VALUE;
import static dev.extos.verifier.HelperPrototype.Argument.READ_MEMORY;
import static dev.extos.verifier.HelperPrototype.Argument.RECORD_MEMORY;
import static dev.extos.verifier.HelperPrototype.Argument.RINGBUF_MEMORY;
import static dev.extos.verifier.HelperPrototype.Argument.SCALAR;
import static dev.extos.verifier.HelperPrototype.Argument.SIZE;
import static dev.extos.verifier.HelperPrototype.Argument.SIZE_OR_ZERO;
import static dev.extos.verifier.HelperPrototype.Argument.UNINIT_MAP_VALUE;
import static dev.extos.verifier.HelperPrototype.Argument.WRITE_U64;

import dev.extos.isa.MapType;
import dev.extos.verifier.HelperPrototype.Result;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every helper ExtOS offers, declared once: the Linux kernel's, with their numbers and
 * signatures, and ExtOS's own for what filters do all day, numbered from {@link #EXTOS_BASE}.
 * The vm implements each (interpreter and JIT call the same implementation).
 */
public final class HelperCatalog {
    /** ExtOS's own helpers are numbered from here, far above the kernel's (which end near 220). */
    public static final int EXTOS_BASE = 1000;

    private static final Set<MapType> LOOKUP_MAPS = EnumSet.of(MapType.HASH, MapType.ARRAY, MapType.PERCPU_HASH,
            MapType.PERCPU_ARRAY, MapType.LRU_HASH);
    private static final Set<MapType> DELETE_MAPS = EnumSet.of(MapType.HASH, MapType.PERCPU_HASH, MapType.LRU_HASH);
    private static final Set<MapType> QUEUE_MAPS = EnumSet.of(MapType.QUEUE, MapType.STACK);

    public static final HelperPrototype MAP_LOOKUP_ELEM = new HelperPrototype(1, "map_lookup_elem",
            List.of(CONST_MAP, MAP_KEY), Result.MAP_VALUE_OR_NULL, LOOKUP_MAPS);
    public static final HelperPrototype MAP_UPDATE_ELEM = new HelperPrototype(2, "map_update_elem",
            List.of(CONST_MAP, MAP_KEY, MAP_VALUE, SCALAR), Result.U64, LOOKUP_MAPS);
    public static final HelperPrototype MAP_DELETE_ELEM = new HelperPrototype(3, "map_delete_elem",
            List.of(CONST_MAP, MAP_KEY), Result.U64, DELETE_MAPS);
    public static final HelperPrototype KTIME_GET_NS = new HelperPrototype(5, "ktime_get_ns", List.of(), Result.U64);
    /** Formats like the kernel's (%d %i %u %x %ld %lu %lx %lld %llu %llx %p %s %c %%, at most 3 values) into the domain's trace log. */
    public static final HelperPrototype TRACE_PRINTK = new HelperPrototype(6, "trace_printk",
            List.of(READ_MEMORY, SIZE, SCALAR, SCALAR, SCALAR), Result.U64);
    public static final HelperPrototype GET_PRANDOM_U32 = new HelperPrototype(7, "get_prandom_u32", List.of(), Result.U32);
    public static final HelperPrototype GET_SMP_PROCESSOR_ID = new HelperPrototype(8, "get_smp_processor_id", List.of(), Result.U32);
    public static final HelperPrototype TAIL_CALL = new HelperPrototype(12, "tail_call",
            List.of(CONTEXT, CONST_MAP, SCALAR), Result.U64, EnumSet.of(MapType.PROG_ARRAY));
    public static final HelperPrototype MAP_PUSH_ELEM = new HelperPrototype(87, "map_push_elem",
            List.of(CONST_MAP, MAP_VALUE, SCALAR), Result.U64, QUEUE_MAPS);
    public static final HelperPrototype MAP_POP_ELEM = new HelperPrototype(88, "map_pop_elem",
            List.of(CONST_MAP, UNINIT_MAP_VALUE), Result.U64, QUEUE_MAPS);
    public static final HelperPrototype MAP_PEEK_ELEM = new HelperPrototype(89, "map_peek_elem",
            List.of(CONST_MAP, UNINIT_MAP_VALUE), Result.U64, QUEUE_MAPS);
    public static final HelperPrototype RINGBUF_OUTPUT = new HelperPrototype(130, "ringbuf_output",
            List.of(CONST_MAP, READ_MEMORY, SIZE_OR_ZERO, SCALAR), Result.U64, EnumSet.of(MapType.RINGBUF));
    /** The size (r2) must be a known constant, as in the kernel. */
    public static final HelperPrototype RINGBUF_RESERVE = new HelperPrototype(131, "ringbuf_reserve",
            List.of(CONST_MAP, SCALAR, SCALAR), Result.RINGBUF_MEMORY_OR_NULL, EnumSet.of(MapType.RINGBUF));
    public static final HelperPrototype RINGBUF_SUBMIT = new HelperPrototype(132, "ringbuf_submit",
            List.of(RINGBUF_MEMORY, SCALAR), Result.NONE);
    public static final HelperPrototype RINGBUF_DISCARD = new HelperPrototype(133, "ringbuf_discard",
            List.of(RINGBUF_MEMORY, SCALAR), Result.NONE);

    /*
     * The ExtOS helpers take record bytes as RECORD_MEMORY: a buffer in the record (or packet, or
     * the arguments) ends at most at the record's end, whatever length the program passes, so
     * C code can pass data_end - data without proving it.
     */

    /** {@code extos_find_byte(buf, len, byte)}: index of the first {@code byte} in the buffer, or -1. */
    public static final HelperPrototype FIND_BYTE = new HelperPrototype(EXTOS_BASE, "extos_find_byte",
            List.of(RECORD_MEMORY, SIZE_OR_ZERO, SCALAR), Result.U64);
    /** {@code extos_find(buf, len, needle, needle_len)}: index of the first occurrence of the needle, or -1. */
    public static final HelperPrototype FIND = new HelperPrototype(EXTOS_BASE + 1, "extos_find",
            List.of(RECORD_MEMORY, SIZE_OR_ZERO, READ_MEMORY, SIZE), Result.U64);
    /** {@code extos_memcmp(a, a_len, b, b_len)}: negative, 0 or positive as a sorts before, equal to or after b (bytes unsigned). */
    public static final HelperPrototype MEMCMP = new HelperPrototype(EXTOS_BASE + 2, "extos_memcmp",
            List.of(RECORD_MEMORY, SIZE_OR_ZERO, READ_MEMORY, SIZE_OR_ZERO), Result.U64);
    /**
     * {@code extos_parse_u64(buf, len, base, *result)}: parses an unsigned decimal (base 10) or hex
     * (base 16, optional 0x) number at the start of the buffer; returns the bytes consumed, or -22
     * (EINVAL) when none or the base is not 10 or 16, or -34 (ERANGE) on overflow.
     */
    public static final HelperPrototype PARSE_U64 = new HelperPrototype(EXTOS_BASE + 3, "extos_parse_u64",
            List.of(RECORD_MEMORY, SIZE_OR_ZERO, SCALAR, WRITE_U64), Result.U64);
    /** {@code extos_hash(buf, len, seed)}: a 64-bit hash of the bytes (documented, stable across releases). */
    public static final HelperPrototype HASH = new HelperPrototype(EXTOS_BASE + 4, "extos_hash",
            List.of(RECORD_MEMORY, SIZE_OR_ZERO, SCALAR), Result.U64);

    private static final Map<Integer, HelperPrototype> ALL = index(MAP_LOOKUP_ELEM, MAP_UPDATE_ELEM, MAP_DELETE_ELEM,
            KTIME_GET_NS, TRACE_PRINTK, GET_PRANDOM_U32, GET_SMP_PROCESSOR_ID, TAIL_CALL, MAP_PUSH_ELEM, MAP_POP_ELEM,
            MAP_PEEK_ELEM, RINGBUF_OUTPUT, RINGBUF_RESERVE, RINGBUF_SUBMIT, RINGBUF_DISCARD,
            FIND_BYTE, FIND, MEMCMP, PARSE_U64, HASH);

    private HelperCatalog() {
    }

    /** Every helper, by id. */
    public static Map<Integer, HelperPrototype> all() {
        return ALL;
    }

    /** The two helpers that need nothing from the program's environment (time and randomness), by id. */
    public static Map<Integer, HelperPrototype> basic() {
        return index(KTIME_GET_NS, GET_PRANDOM_U32);
    }

    private static Map<Integer, HelperPrototype> index(HelperPrototype... prototypes) {
        Map<Integer, HelperPrototype> m = new LinkedHashMap<>();
        for (HelperPrototype p : prototypes) {
            if (m.put(p.id(), p) != null) {
                throw new IllegalStateException("two helpers numbered " + p.id());
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
