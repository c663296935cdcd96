package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Hand-built frames: what each line of extos capture says about them. */
class PacketSummaryTest {
    private static final String ETHERNET_IPV4 = "000000000000" + "000000000000" + "0800";
    private static final String ETHERNET_IPV6 = "000000000000" + "000000000000" + "86dd";

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void ipv4UdpShowsAddressesPortsAndPayloadLength() {
        String ip = "4500" + "0021" + "0000" + "4000" + "4011" + "0000" + "7f000001" + "0a000102";
        String udp = "9c40" + "2328" + "000d" + "0000" + "6869212121";
        assertThat(PacketSummary.describe(hex(ETHERNET_IPV4 + ip + udp)))
                .isEqualTo("IPv4 127.0.0.1:40000 > 10.0.1.2:9000 UDP 5 bytes");
    }

    @Test
    void ipv4TcpShowsFlagsAndDataLengthAfterOptions() {
        // 20-byte IP header, 24-byte TCP header (one option word), 3 bytes of data: total 47
        String ip = "4500" + "002f" + "0000" + "4000" + "4006" + "0000" + "c0a80001" + "c0a80002";
        String tcp = "0050" + "c350" + "00000001" + "00000000" + "6018" + "ffff" + "0000" + "0000" + "01010101" + "616263";
        assertThat(PacketSummary.describe(hex(ETHERNET_IPV4 + ip + tcp)))
                .isEqualTo("IPv4 192.168.0.1:80 > 192.168.0.2:50000 TCP [P.] 3 bytes");
    }

    @Test
    void ipv6UdpCompressesTheLongestZeroRun() {
        String ip6 = "60000000" + "000a" + "11" + "40" + "00000000000000000000000000000001" + "20010db8000000010000000000000002";
        String udp = "0035" + "1f90" + "000a" + "0000" + "6869";
        assertThat(PacketSummary.describe(hex(ETHERNET_IPV6 + ip6 + udp)))
                .isEqualTo("IPv6 ::1:53 > 2001:db8:0:1::2:8080 UDP 2 bytes");
    }

    @Test
    void laterFragmentsArpOtherTypesAndShortFramesAreNamed() {
        String fragment = "4500" + "0020" + "0000" + "00b9" + "4011" + "0000" + "7f000001" + "7f000001" + "aaaaaaaaaaaaaaaa";
        assertThat(PacketSummary.describe(hex(ETHERNET_IPV4 + fragment))).isEqualTo("IPv4 127.0.0.1 > 127.0.0.1 fragment, protocol 17");
        assertThat(PacketSummary.describe(hex("ffffffffffff000000000001" + "0806" + "0001"))).isEqualTo("ARP");
        assertThat(PacketSummary.describe(hex("ffffffffffff000000000001" + "88cc"))).isEqualTo("ethertype 0x88cc");
        assertThat(PacketSummary.describe(hex(ETHERNET_IPV4 + "4500"))).isEqualTo("IPv4, cut short");
        assertThat(PacketSummary.describe(hex("0000"))).isEqualTo("Ethernet, cut short");
        String ipOnly = "4500" + "0020" + "0000" + "4000" + "4011" + "0000" + "7f000001" + "7f000001" + "0035";
        assertThat(PacketSummary.describe(hex(ETHERNET_IPV4 + ipOnly))).isEqualTo("IPv4 127.0.0.1 > 127.0.0.1 UDP, cut short");
    }

    @Test
    void ipv6AddressesFollowRfc5952() {
        assertThat(PacketSummary.ipv6Address(hex("00000000000000000000000000000000"), 0)).isEqualTo("::");
        assertThat(PacketSummary.ipv6Address(hex("20010db8000000000001000000000001"), 0)).isEqualTo("2001:db8::1:0:0:1");
        assertThat(PacketSummary.ipv6Address(hex("fe800000000000000000000000000000"), 0)).isEqualTo("fe80::");
        assertThat(PacketSummary.ipv6Address(hex("20010db8000100020003000400050006"), 0)).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(PacketSummary.ipv6Address(hex("20010db8000000010001000100010001"), 0)).isEqualTo("2001:db8:0:1:1:1:1:1");
    }
}
