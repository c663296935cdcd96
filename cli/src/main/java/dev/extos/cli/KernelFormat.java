package dev.extos.cli;

import dev.extos.linux.KernelMap;
import dev.extos.linux.KernelMapException;
import dev.extos.linux.KernelTypeNames;
import dev.extos.linux.MapInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/** How the kernel commands print times, durations, maps and their entries. */
final class KernelFormat {
    /** Maps with at most this many entries have them printed by {@code show}. */
    static final int SMALL_MAP = 64;

    private KernelFormat() {
    }

    /** A duration in ns as a person reads it: 850 ns, 12.3 µs, 4.56 ms, 1.20 s. */
    static String nanos(double ns) {
        if (ns < 1_000) {
            return String.format("%.0f ns", ns);
        }
        if (ns < 1_000_000) {
            return String.format("%.1f µs", ns / 1e3);
        }
        if (ns < 1_000_000_000) {
            return String.format("%.2f ms", ns / 1e6);
        }
        return String.format("%.2f s", ns / 1e9);
    }

    /** The wall-clock time of a kernel timestamp in ns since boot (CLOCK_BOOTTIME, which /proc/uptime counts), to the second. */
    static String sinceBoot(long bootNanos) {
        try {
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            long agoNanos = (long) (uptime * 1e9) - bootNanos;
            return Instant.now().minusNanos(Math.max(0, agoNanos)).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (IOException | RuntimeException e) {
            return bootNanos / 1_000_000_000 + " s after boot";
        }
    }

    /** One line describing a map: name, id, type, sizes. */
    /** "xdp on lo (index 1), program 42": what a link attaches where. */
    static String link(dev.extos.linux.KernelLink.Info l) {
        String where = "";
        if (l.interfaceIndex() > 0) {
            java.net.NetworkInterface nic = null;
            try {
                nic = java.net.NetworkInterface.getByIndex(l.interfaceIndex());
            } catch (java.net.SocketException e) {
                // the index alone says it
            }
            where = " on " + (nic == null ? "interface" : nic.getName()) + " (index " + l.interfaceIndex() + ")";
        }
        return l.typeName() + where + ", program " + l.programId();
    }

    static String map(MapInfo m) {
        return "map " + m.id() + " " + (m.name().isEmpty() ? "(no name)" : m.name()) + ": " + KernelTypeNames.map(m.type())
                + " key " + m.keySize() + " value " + m.valueSize() + " max " + m.maxEntries()
                + (m.flags() != 0 ? " flags 0x" + Integer.toHexString(m.flags()) : "")
                + (m.btfId() != 0 ? " btf " + m.btfId() : "");
    }

    /** The entries of a small map as "key: value" hex lines; a map whose entries cannot be read says why. */
    static void entries(PrintWriter out, KernelMap map, String indent) {
        if (map.maxEntries() > SMALL_MAP) {
            out.println(indent + "(" + map.maxEntries() + " entries at most: not printed, more than " + SMALL_MAP + ")");
            return;
        }
        HexFormat hex = HexFormat.of();
        try {
            List<byte[]> keys = map.keys();
            if (keys.isEmpty()) {
                out.println(indent + "(empty)");
            }
            for (byte[] k : keys) {
                map.lookup(k).ifPresent(v -> out.println(indent + hex.formatHex(k) + ": " + hex.formatHex(v)));
            }
        } catch (KernelMapException e) {
            out.println(indent + "(entries not readable from user space: " + e.errnoName() + ")");
        }
    }
}
