package dev.extos.verifier.state;

import dev.extos.verifier.RegionKind;

/** Packet-like areas: memory whose length is only known at run time, proven by comparison with an end pointer. */
public enum Area {
    DATA("pkt", RegionKind.PACKET),
    META("pkt_meta", RegionKind.PACKET_META),
    ARGS("args", RegionKind.ARGS);

    private final String label;
    private final RegionKind region;

    Area(String label, RegionKind region) {
        this.label = label;
        this.region = region;
    }

    /** Name used in logs. */
    public String label() {
        return label;
    }

    /** The region kind accesses through such a pointer touch. */
    public RegionKind region() {
        return region;
    }
}
