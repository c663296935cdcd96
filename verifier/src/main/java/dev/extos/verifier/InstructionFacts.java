package dev.extos.verifier;

import java.util.Arrays;

/**
 * Per-slot facts proven for the engines: the region kind each memory instruction touches (null
 * elsewhere or when unreached), for map-value accesses which map, and for context accesses which
 * field (so a loader can rewrite context loads, as the kernel does).
 */
public final class InstructionFacts {
    private final RegionKind[] regions;
    private final int[] maps;
    private final int[] contextFields;

    /** Facts for a program of {@code regions.length} slots, with no map known anywhere. */
    public InstructionFacts(RegionKind[] regions) {
        this(regions, filled(regions.length));
    }

    /** Facts with {@code maps[pc]} the map index touched at pc (-1 when none or not unique). */
    public InstructionFacts(RegionKind[] regions, int[] maps) {
        this(regions, maps, filled(regions.length));
    }

    /** Facts that also give {@code contextFields[pc]}, the offset of the context field accessed at pc (-1: none or not unique). */
    public InstructionFacts(RegionKind[] regions, int[] maps, int[] contextFields) {
        if (maps.length != regions.length || contextFields.length != regions.length) {
            throw new IllegalArgumentException("facts for " + regions.length + " slots but map indices for " + maps.length
                    + " and context fields for " + contextFields.length);
        }
        this.regions = regions.clone();
        this.maps = maps.clone();
        this.contextFields = contextFields.clone();
    }

    private static int[] filled(int n) {
        int[] m = new int[n];
        Arrays.fill(m, -1);
        return m;
    }

    /** The region kind the load, store or atomic at {@code pc} touches, or null. */
    public RegionKind region(int pc) {
        return regions[pc];
    }

    /**
     * The index (in the program's map list) of the map whose value the load, store or atomic at
     * {@code pc} touches on every path, or -1 when it touches no map value or values of different maps.
     */
    public int map(int pc) {
        return maps[pc];
    }

    /**
     * The offset of the context field the load or store at {@code pc} accesses on every path, or -1
     * when it accesses no context field or different fields on different paths.
     */
    public int contextField(int pc) {
        return contextFields[pc];
    }

    /** Number of slots covered. */
    public int size() {
        return regions.length;
    }

    @Override
    public String toString() {
        return Arrays.toString(regions);
    }
}
