package dev.extos.vm;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/** The helpers a program may call, by number; immutable. */
public final class HelperTable {
    private static final HelperTable STANDARD = HelperTable.of(
            new Helper(5, "ktime_get_ns", (m, a, b, c, d, e) -> System.nanoTime()),
            new Helper(7, "get_prandom_u32", (m, a, b, c, d, e) -> ThreadLocalRandom.current().nextInt() & 0xffffffffL));

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

    /** The helpers every domain offers, with the Linux kernel's numbers and semantics. */
    public static HelperTable standard() {
        return STANDARD;
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
}
