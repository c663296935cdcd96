package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands take clang's objects: run (with maps), maps, cat with a C filter. */
class ObjectFilesTest {
    @TempDir
    Path dir;

    private static String fixture(String name) {
        return Path.of(System.getProperty("extos.fixtures", "../fixtures"), "bpf", name).toString();
    }

    /** Ethernet + IPv4 + UDP headers to {@code port}, as hex. */
    private static String udpPacket(int port) {
        return "000000000000000000000000" + "0800"
                + "4500001c000000004011" + "0000" + "0a000001" + "0a000002"
                + "04d2" + String.format("%04x", port) + "0008" + "0000";
    }

    @Test
    void anXdpObjectRunsOnThePacketGivenWithMem() {
        Cli.Result dns = Cli.run("run", "--mem", udpPacket(53), fixture("xdp_parser.o"));
        Cli.Result web = Cli.run("run", "--mem", udpPacket(80), fixture("xdp_parser.o"));

        assertThat(dns.out()).as(dns.err()).isEqualTo("r0 = 0x1\n");  // XDP_DROP
        assertThat(web.out()).as(web.err()).isEqualTo("r0 = 0x2\n");  // XDP_PASS
    }

    @Test
    void runPrintsTheMapsAfterTheRun() {
        Cli.Result r = Cli.run("run", "--maps", "--mem", "00112233445566778899", fixture("array_counter.o"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        // One packet of 10 bytes: counters[0] = packets = 1, counters[1] = bytes = 10.
        assertThat(r.out()).contains("map 0 counters: array key 4 value 8 max 2")
                .contains("00000000: 0100000000000000").contains("01000000: 0a00000000000000");
    }

    @Test
    void runningAnUnsafeObjectSaysWhyWithTheCLine() {
        Cli.Result r = Cli.run("run", "--mem", "45", fixture("unchecked_read.o"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("rejected as xdp: insn 1").contains("unchecked_read.c:10");
    }

    @Test
    void mapsListsWhatAnObjectDeclares() {
        Cli.Result r = Cli.run("maps", fixture("globals.o"));

        assertThat(r.out()).contains("map 0 .rodata: array key 4 value 12 max 1 read-only")
                .contains("map 2 .bss").contains("program long_records SEC(\"extos/read\")");
    }

    @Test
    void catFiltersThroughACProgram() throws IOException {
        String log = """
                10.0.0.1 - - [30/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 512
                10.0.0.2 - - [30/Nov/2026:10:00:01 +0000] "GET /b HTTP/1.1" 503 19
                10.0.0.3 - - [30/Nov/2026:10:00:02 +0000] "POST /c HTTP/1.1" 404 0
                10.0.0.4 - - [30/Nov/2026:10:00:03 +0000] "GET /d HTTP/1.1" 500 7
                """;
        Path in = Files.writeString(dir.resolve("access.log"), log);
        Path out = dir.resolve("out.log");

        Cli.Result r = Cli.run("cat", "--filter", fixture("http_5xx.o"), "--section", "keep_5xx", "-o", out.toString(),
                in.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(out, StandardCharsets.US_ASCII)).isEqualTo("""
                10.0.0.2 - - [30/Nov/2026:10:00:01 +0000] "GET /b HTTP/1.1" 503 19
                10.0.0.4 - - [30/Nov/2026:10:00:03 +0000] "GET /d HTTP/1.1" 500 7
                """);
    }
}
