package dev.extos.verifier;

/** What a load of a context field yields. */
public enum FieldKind {
    /** A plain number of the field's size. */
    SCALAR,
    /** A pointer to the first byte of packet data. */
    PACKET_START,
    /** A pointer one past the last byte of packet data. */
    PACKET_END,
    /** A pointer to the first byte of packet metadata (which ends where the data starts). */
    PACKET_META,
    /** A pointer to the first byte of the read-only arguments. */
    ARGS_START,
    /** A pointer one past the last byte of the arguments. */
    ARGS_END
}
