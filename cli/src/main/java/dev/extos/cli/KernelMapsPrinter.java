package dev.extos.cli;

import dev.extos.linux.KernelMap;
import dev.extos.linux.KernelObject;
import java.io.PrintWriter;
import java.util.HexFormat;

/** Prints a kernel object's maps as its programs left them (e.g. their counters of kept and dropped packets). */
final class KernelMapsPrinter {
    private static final int SHOWN = 16;

    private KernelMapsPrinter() {
    }

    /** Each map except the global-data ones, up to 16 entries: key and value in hex, and as a little-endian number. */
    static void print(PrintWriter out, KernelObject object) {
        HexFormat h = HexFormat.of();
        for (KernelMap m : object.maps()) {
            if (m.name().startsWith(".")) {
                continue; // global data: the program's constants and variables, not results
            }
            out.println("map " + m.name() + ":");
            int shown = 0;
            for (byte[] k : m.keys()) {
                if (shown++ == SHOWN) {
                    out.println("  ...");
                    break;
                }
                m.lookup(k).ifPresent(v -> out.println("  " + h.formatHex(k) + ": " + h.formatHex(v) + littleEndian(v)));
            }
        }
    }

    private static String littleEndian(byte[] v) {
        if (v.length != 8 && v.length != 4 && v.length != 2) {
            return "";
        }
        long n = 0;
        for (int i = v.length - 1; i >= 0; i--) {
            n = (n << 8) | (v[i] & 0xff);
        }
        return " (" + Long.toUnsignedString(n) + ")";
    }
}
