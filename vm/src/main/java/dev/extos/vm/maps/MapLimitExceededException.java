package dev.extos.vm.maps;

import dev.extos.isa.ExtosException;

/** Creating a map would take its owner's maps past the owner's memory limit. */
public final class MapLimitExceededException extends ExtosException {
    private final String map;
    private final long requested;
    private final long used;
    private final long limit;

    public MapLimitExceededException(String account, String map, long requested, long used, long limit) {
        super("map '" + map + "' needs " + requested + " bytes, but " + account + " already uses " + used + " of its "
                + limit + "-byte limit for maps (" + Math.max(0, limit - used) + " bytes left)");
        this.map = map;
        this.requested = requested;
        this.used = used;
        this.limit = limit;
    }

    /** The map that could not be created. */
    public String map() {
        return map;
    }

    /** Bytes the map needed. */
    public long requested() {
        return requested;
    }

    /** Bytes the owner's maps used already. */
    public long used() {
        return used;
    }

    /** The owner's limit in bytes. */
    public long limit() {
        return limit;
    }
}
