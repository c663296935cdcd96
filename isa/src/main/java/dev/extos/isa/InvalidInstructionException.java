package dev.extos.isa;

import java.util.HexFormat;

/** An instruction's bytes do not encode a valid eBPF instruction. */
public final class InvalidInstructionException extends ExtosException {
    private final int index;
    private final byte[] bytes;
    private final String reason;

    public InvalidInstructionException(int index, byte[] bytes, String reason) {
        super("instruction " + index + " (" + HexFormat.ofDelimiter(" ").formatHex(bytes) + "): " + reason);
        this.index = index;
        this.bytes = bytes.clone();
        this.reason = reason;
    }

    /** The slot index of the offending instruction, counted in 8-byte units from the start. */
    public int index() {
        return index;
    }

    /** The raw bytes of the offending slot (fewer than 8 when the input was truncated). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Why the bytes were rejected, without the location. */
    public String reason() {
        return reason;
    }
}
