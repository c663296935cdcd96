package dev.extos.io.internal;

/** The record a framer found, reused for every record so framing allocates nothing. */
final class Frame {
    /** Offset of the record's payload (what the filter sees) in the framed segment. */
    long payload;
    /** Length of the payload. */
    long length;
    /** Whether the record ended with its delimiter (newline framing). */
    boolean delimited;
}
