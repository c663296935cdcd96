package dev.extos.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's UDP drop counters, read from /proc. A socket's own counter (the last column of
 * /proc/net/udp) counts every datagram the kernel threw away for it, including the ones its socket
 * filter dropped; the network namespace's {@code RcvbufErrors} (/proc/net/snmp) counts only the
 * datagrams lost because a receive queue was full, which is what hides losses in a benchmark.
 */
final class UdpCounters {
    private static final Path UDP = Path.of("/proc/net/udp");
    private static final Path SNMP = Path.of("/proc/net/snmp");

    private UdpCounters() {
    }

    /** Datagrams the kernel dropped for the IPv4 socket bound to {@code local}, or -1 when it is not listed. */
    static long socketDrops(InetSocketAddress local) {
        byte[] a = local.getAddress().getAddress();
        // /proc/net/udp prints the address as the host-order (little-endian) int, then the port
        String wanted = String.format(Locale.ROOT, "%02X%02X%02X%02X:%04X", a[3], a[2], a[1], a[0], local.getPort());
        for (String line : lines(UDP)) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 12 && f[1].equals(wanted)) {
                return Long.parseLong(f[f.length - 1]);
            }
        }
        return -1;
    }

    /** Datagrams this network namespace lost to full receive queues since boot, or -1 when unknown. */
    static long receiveBufferErrors() {
        List<String> udp = lines(SNMP).stream().filter(l -> l.startsWith("Udp:")).toList();
        if (udp.size() < 2) {
            return -1;
        }
        String[] names = udp.get(0).split("\\s+");
        String[] values = udp.get(1).split("\\s+");
        for (int i = 1; i < Math.min(names.length, values.length); i++) {
            if (names[i].equals("RcvbufErrors")) {
                return Long.parseLong(values[i]);
            }
        }
        return -1;
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
