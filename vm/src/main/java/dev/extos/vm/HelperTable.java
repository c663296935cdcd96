package dev.extos.vm;

import dev.extos.verifier.HelperPrototype;
import dev.extos.vm.helpers.StandardHelpers;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The helpers a program may call, by number; immutable. */
public final class HelperTable {
    private static final HelperTable STANDARD = standard(TraceLog.shared());

    private final Map<Integer, Helper> byId;

    private HelperTable(Map<Integer, Helper> byId) {
        this.byId = Map.copyOf(byId);
    }

    /** A table of exactly these helpers; ids must be distinct. */
    public static HelperTable of(Helper... helpers) {
        Map<Integer, Helper> m = new TreeMap<>();
        for (Helper h : helpers) {
            if (m.putIfAbsent(h.id(), h) != null) {
                throw new IllegalArgumentException("two helpers with id " + h.id());
            }
        }
        return new HelperTable(m);
    }

    /**
     * Every helper of {@link dev.extos.verifier.HelperCatalog}, with the Linux kernel's numbers and
     * semantics and ExtOS's own from 1000; trace_printk writes to {@link TraceLog#shared()}.
     */
    public static HelperTable standard() {
        return STANDARD;
    }

    /** The standard helpers, with trace_printk writing to {@code trace}. */
    public static HelperTable standard(TraceLog trace) {
        return of(StandardHelpers.all(trace).toArray(Helper[]::new));
    }

    /** A table with no helpers. */
    public static HelperTable empty() {
        return new HelperTable(Map.of());
    }

    /** This table plus {@code helper}, which replaces any helper with the same id. */
    public HelperTable with(Helper helper) {
        Map<Integer, Helper> m = new TreeMap<>(byId);
        m.put(helper.id(), helper);
        return new HelperTable(m);
    }

    /** The helper numbered {@code id}, or null. */
    public Helper get(int id) {
        return byId.get(id);
    }

    /** All helpers, in id order. */
    public Collection<Helper> all() {
        return new TreeMap<>(byId).values();
    }

    /** The prototypes of all helpers, by id, for the verifier. */
    public Map<Integer, HelperPrototype> prototypes() {
        Map<Integer, HelperPrototype> m = new LinkedHashMap<>();
        for (Helper h : all()) {
            m.put(h.id(), h.prototype());
        }
        return m;
    }
}
