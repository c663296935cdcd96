package dev.extos.verifier;

import java.util.Arrays;

/**
 * Per-slot facts proven for the JIT: the region kind each memory instruction touches (null
 * elsewhere or when unreached) and, for map-value accesses, which map.
 */
public final class InstructionFacts {
    private final RegionKind[] regions;
    private final int[] maps;

    /** Facts for a program of {@code regions.length} slots, with no map known anywhere. */
    public InstructionFacts(RegionKind[] regions) {
        this(regions, filled(regions.length));
    }

    /** Facts with {@code maps[pc]} the map index touched at pc (-1 when none or not unique). */
    public InstructionFacts(RegionKind[] regions, int[] maps) {
        if (maps.length != regions.length) {
            throw new IllegalArgumentException("facts for " + regions.length + " slots but map indices for " + maps.length);
        }
        this.regions = regions.clone();
        this.maps = maps.clone();
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

    /** Number of slots covered. */
    public int size() {
        return regions.length;
    }

    @Override
    public String toString() {
        return Arrays.toString(regions);
    }
}
