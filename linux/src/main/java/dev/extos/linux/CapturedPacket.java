package dev.extos.linux;

import java.time.Instant;
import java.util.Objects;

/**
 * One packet from a {@link PacketCapture}: when the kernel received it, its length on the wire,
 * the bytes captured from the link-layer header on (fewer than {@code length} when the filter
 * returned a smaller snap length), the interface and link-layer protocol it came with, and
 * whether it was going out of this host rather than coming in.
 */
public record CapturedPacket(Instant time, int length, byte[] data, int interfaceIndex, int protocol, boolean outgoing) {
    /** Copies {@code data}, so a packet never changes. */
    public CapturedPacket {
        Objects.requireNonNull(time);
        data = data.clone();
    }

    /** The captured bytes (a copy). */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** How many bytes were captured. */
    public int capturedLength() {
        return data.length;
    }

    @Override
    public String toString() {
        return "CapturedPacket[" + time + ", " + length + " bytes, " + data.length + " captured, ifindex " + interfaceIndex
                + (outgoing ? ", outgoing" : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapturedPacket p && p.time.equals(time) && p.length == length && java.util.Arrays.equals(p.data, data)
                && p.interfaceIndex == interfaceIndex && p.protocol == protocol && p.outgoing == outgoing;
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, length, java.util.Arrays.hashCode(data), interfaceIndex, protocol, outgoing);
    }
}
