package dev.extos.verifier;

/** The kind of memory region a load or store touches, as the JIT needs it. */
public enum RegionKind {
    /** The program type's context structure. */
    CONTEXT,
    /** A stack frame (the current one or a caller's). */
    STACK,
    /** Packet or record data (between data and data_end). */
    PACKET,
    /** Packet metadata (between data_meta and data). */
    PACKET_META,
    /** Read-only per-call arguments. */
    ARGS,
    /** The conformance memory buffer. */
    MEMORY,
    /** A map value ({@link InstructionFacts#map(int)} says which map when it is always the same). */
    MAP_VALUE,
    /** Ring-buffer memory reserved by {@code ringbuf_reserve} (a region the run hands out). */
    RINGBUF,
    /** Different paths reach the instruction with pointers to different kinds of region. */
    MIXED
}
