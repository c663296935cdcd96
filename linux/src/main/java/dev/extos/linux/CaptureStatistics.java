package dev.extos.linux;

/**
 * The kernel's counts for a capture socket ({@code PACKET_STATISTICS}) since it was opened:
 * packets its filter let through to the socket, and how many of those were dropped because the
 * receive queue was full. Packets the filter dropped are counted nowhere: they never reached the socket.
 */
public record CaptureStatistics(long received, long dropped) {
}
