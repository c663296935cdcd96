package dev.extos.cli;

import java.util.Locale;

/**
 * A one-line description of an Ethernet frame, tcpdump style: the network addresses and, for UDP
 * and TCP, the ports ({@code IPv4 127.0.0.1:40000 > 127.0.0.1:9000 UDP 12 bytes}). Reads only
 * what was captured and says so when the frame is cut short.
 */
final class PacketSummary {
    private static final int ETHERNET = 14;
    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86dd;
    private static final int ETH_ARP = 0x0806;
    private static final int ETH_VLAN = 0x8100;
    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMPV6 = 58;

    private PacketSummary() {
    }

    /** The description of {@code frame}, which starts with its Ethernet header. */
    static String describe(byte[] frame) {
        if (frame.length < ETHERNET) {
            return "Ethernet, cut short";
        }
        int at = 12;
        int type = u16(frame, at);
        if (type == ETH_VLAN && frame.length >= ETHERNET + 4) {
            at += 4;
            type = u16(frame, at);
        }
        int payload = at + 2;
        return switch (type) {
            case ETH_IPV4 -> ipv4(frame, payload);
            case ETH_IPV6 -> ipv6(frame, payload);
            case ETH_ARP -> "ARP";
            default -> String.format(Locale.ROOT, "ethertype 0x%04x", type);
        };
    }

    private static String ipv4(byte[] f, int at) {
        if (f.length < at + 20) {
            return "IPv4, cut short";
        }
        int header = (f[at] & 0x0f) * 4;
        int total = u16(f, at + 2);
        int protocol = f[at + 9] & 0xff;
        String from = (f[at + 12] & 0xff) + "." + (f[at + 13] & 0xff) + "." + (f[at + 14] & 0xff) + "." + (f[at + 15] & 0xff);
        String to = (f[at + 16] & 0xff) + "." + (f[at + 17] & 0xff) + "." + (f[at + 18] & 0xff) + "." + (f[at + 19] & 0xff);
        boolean laterFragment = (u16(f, at + 6) & 0x1fff) != 0;
        if (laterFragment) {
            return "IPv4 " + from + " > " + to + " fragment, protocol " + protocol;
        }
        return "IPv4 " + transport(f, at + header, protocol, total - header, from, to);
    }

    private static String ipv6(byte[] f, int at) {
        if (f.length < at + 40) {
            return "IPv6, cut short";
        }
        int length = u16(f, at + 4);
        int next = f[at + 6] & 0xff;
        return "IPv6 " + transport(f, at + 40, next, length, ipv6Address(f, at + 8), ipv6Address(f, at + 24));
    }

    /** The transport part: addresses with ports for UDP and TCP, the type for ICMP, the protocol number otherwise. */
    private static String transport(byte[] f, int at, int protocol, int length, String from, String to) {
        return switch (protocol) {
            case UDP -> f.length < at + 8 ? from + " > " + to + " UDP, cut short"
                    : from + ":" + u16(f, at) + " > " + to + ":" + u16(f, at + 2) + " UDP " + (u16(f, at + 4) - 8) + " bytes";
            case TCP -> f.length < at + 14 ? from + " > " + to + " TCP, cut short"
                    : from + ":" + u16(f, at) + " > " + to + ":" + u16(f, at + 2) + " TCP [" + tcpFlags(f[at + 13])
                    + "] " + Math.max(0, length - ((f[at + 12] & 0xf0) >>> 2)) + " bytes";
            case ICMP, ICMPV6 -> from + " > " + to + (protocol == ICMP ? " ICMP" : " ICMPv6")
                    + (f.length > at + 1 ? " type " + (f[at] & 0xff) + " code " + (f[at + 1] & 0xff) : ", cut short");
            default -> from + " > " + to + " protocol " + protocol + ", " + length + " bytes";
        };
    }

    private static String tcpFlags(byte b) {
        StringBuilder s = new StringBuilder();
        String names = "FSRP.U"; // FIN SYN RST PSH ACK URG, with ACK shown as '.' as tcpdump does
        for (int i = 0; i < names.length(); i++) {
            if ((b & (1 << i)) != 0) {
                s.append(names.charAt(i));
            }
        }
        return s.isEmpty() ? "none" : s.toString();
    }

    /** RFC 5952 text: lower-case hex groups, the longest run of two or more zero groups as "::". */
    static String ipv6Address(byte[] f, int at) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = u16(f, at + 2 * i);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    private static int u16(byte[] f, int at) {
        return ((f[at] & 0xff) << 8) | (f[at + 1] & 0xff);
    }
}
