package dev.extos.verifier;

import java.util.Arrays;

/** Per-slot facts proven for the JIT: the region kind each memory instruction touches (null elsewhere or when unreached). */
public final class InstructionFacts {
    private final RegionKind[] regions;

    /** Facts for a program of {@code regions.length} slots. */
    public InstructionFacts(RegionKind[] regions) {
        this.regions = regions.clone();
    }

    /** The region kind the load, store or atomic at {@code pc} touches, or null. */
    public RegionKind region(int pc) {
        return regions[pc];
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
