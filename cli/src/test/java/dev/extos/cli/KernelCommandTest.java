package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.extos.linux.BpfFs;
import dev.extos.linux.Privileges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** extos kernel on real kernel objects, pinned under a per-test directory below /sys/fs/bpf/extos. */
class KernelCommandTest {
    private Path dir;

    @BeforeAll
    static void needsBpf() {
        assumeTrue(Privileges.bpfAvailable(), () -> Privileges.whyNot().orElse(""));
    }

    @BeforeEach
    void pinDirectory() {
        dir = KernelTargets.EXTOS_PINS.resolve("test-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterEach
    void removePins() {
        if (Files.exists(dir)) {
            BpfFs.unpin(dir);
        }
    }

    private static String fixture(String name) {
        return Path.of(System.getProperty("extos.fixtures", "../fixtures"), "bpf", name + ".o").toString();
    }

    private static Cli.Result ok(String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }

    private static int id(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertThat(m.find()).as(pattern + " in:\n" + text).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void attachAnXdpProgramToLoopbackDropsItsPortUntilUnloaded() throws Exception {
        try (java.nio.channels.DatagramChannel receiver = java.nio.channels.DatagramChannel.open()) {
            receiver.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            receiver.socket().setSoTimeout(300);
            int port = ((java.net.InetSocketAddress) receiver.getLocalAddress()).getPort();
            ok("kernel", "load", fixture("xdp_drop_port"), "--pin", dir.toString(), "--set", "port=" + port);
            Path link = dir.resolve("link");
            Cli.Result attach = ok("kernel", "attach", dir.resolve("drop_udp_port").toString(), "--xdp", "lo", "--pin", link.toString());
            assertThat(attach.out()).contains("to lo (generic XDP)", "pinned at " + link);
            assertThat(ok("kernel", "show", link.toString()).out()).contains("xdp on lo");
            int linkId = id(attach.out(), "link (\\d+) pinned");
            assertThat(ok("kernel", "list", "--links").outLines())
                    .anySatisfy(l -> assertThat(l).startsWith(linkId + " ").contains("xdp on lo", link.toString()));

            assertThat(sendAndCount(receiver, 6)).as("dropped by XDP while attached").isZero();
            assertThat(ok("kernel", "show", dir.resolve("maps/verdicts").toString()).out()).contains("01000000: 0600000000000000");

            assertThat(ok("kernel", "unload", link.toString()).out()).contains("unpinned; the program is detached");
            int delivered = 0;
            for (int attempt = 0; attempt < 20 && delivered != 2; attempt++) {  // the kernel releases the link shortly after
                delivered = sendAndCount(receiver, 2);
            }
            assertThat(delivered).as("delivered once the link is gone").isEqualTo(2);
        }
    }

    @Test
    void attachRefusesWhatIsNotAnXdpProgram() {
        ok("kernel", "load", fixture("capture_udp_port"), "--pin", dir.toString());
        Cli.Result r = Cli.run("kernel", "attach", dir.resolve("keep_udp_port").toString(), "--xdp", "lo", "--pin",
                dir.resolve("link").toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("only an XDP program").doesNotContain("Exception");
    }

    private static int sendAndCount(java.nio.channels.DatagramChannel receiver, int count) throws java.io.IOException {
        try (java.nio.channels.DatagramChannel sender = java.nio.channels.DatagramChannel.open()) {
            for (int i = 0; i < count; i++) {
                sender.send(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), receiver.getLocalAddress());
            }
        }
        int n = 0;
        java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[16], 16);
        while (true) {
            try {
                receiver.socket().receive(packet);
                n++;
            } catch (java.net.SocketTimeoutException e) {
                return n;
            }
        }
    }

    @Test
    void loadListRunShowUnload() throws Exception {
        Cli.Result load = ok("kernel", "load", fixture("array_counter"), "--pin", dir.toString());
        int program = id(load.out(), "program count_packets id (\\d+) xdp");
        int map = id(load.out(), "map (\\d+) counters: array key 4 value 8 max 2");
        assertThat(load.out()).contains("C line records");
        assertThat(dir.resolve("count_packets")).exists();
        assertThat(dir.resolve("maps/counters")).exists();

        assertThat(ok("kernel", "list").outLines())
                .anySatisfy(l -> assertThat(l).startsWith(program + " ").contains("xdp", "count_packets", dir.resolve("count_packets").toString()));
        assertThat(ok("kernel", "list", "--maps").outLines())
                .anySatisfy(l -> assertThat(l).startsWith(map + " ").contains("counters", dir.resolve("maps/counters").toString()));

        byte[] packet = new byte[100];
        new Random(3).nextBytes(packet);
        String hex = HexFormat.of().formatHex(packet);
        Cli.Result run = ok("kernel", "run", dir.resolve("count_packets").toString(), "--data", hex, "--repeat", "3");
        long kernelRetval = id(run.out(), "retval (\\d+)");
        long interpreterR0 = Long.parseLong(ok("run", "--engine", "interpreter", fixture("array_counter"), "--mem", hex)
                .out().replaceAll("(?s).*r0 = 0x([0-9a-f]+).*", "$1").strip(), 16);
        assertThat(kernelRetval).isEqualTo(interpreterR0).isEqualTo(2);
        assertThat(run.out()).contains("data out (100 bytes): " + hex);

        // the three runs counted 3 packets and 300 bytes into the pinned map
        Cli.Result show = ok("kernel", "show", Integer.toString(program));
        assertThat(show.out()).contains("program " + program + " count_packets", "type      xdp", "maps      " + map,
                "00000000: 0300000000000000", "01000000: 2c01000000000000");
        assertThat(ok("kernel", "show", dir.resolve("maps/counters").toString()).out())
                .contains("map " + map + " counters", "00000000: 0300000000000000");

        Cli.Result unload = ok("kernel", "unload", dir.toString());
        assertThat(unload.out()).contains("removed 2 pins under " + dir, "program " + program + " count_packets: freed by the kernel");
        assertThat(dir).doesNotExist();
        assertThat(ok("kernel", "list").outLines()).noneSatisfy(l -> assertThat(l).startsWith(program + " "));
    }

    @Test
    void aRejectedProgramShowsTheKernelLogWithTheCLine() {
        Cli.Result r = Cli.run("kernel", "load", fixture("unchecked_read"), "--pin", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("the kernel refused", "EACCES", "the kernel verifier's log:",
                "return data[0] == 0x45 ? XDP_DROP : XDP_PASS; @ unchecked_read.c:10");
        assertThat(BpfFs.pins(dir)).isEmpty();
    }

    @Test
    void extosHooksAreRefusedWithTheReason() {
        Cli.Result r = Cli.run("kernel", "load", fixture("http_5xx"), "--pin", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("extos/read is an ExtOS hook").doesNotContain("Exception");
    }

    @Test
    void pinByIdThenUnloadThePin() {
        Cli.Result load = ok("kernel", "load", fixture("xdp_parser"), "--pin", dir.resolve("obj").toString());
        int program = id(load.out(), "program drop_dns id (\\d+)");
        Path extra = dir.resolve("again");
        assertThat(ok("kernel", "pin", Integer.toString(program), extra.toString()).out())
                .contains("pinned program " + program + " drop_dns at " + extra);
        assertThat(ok("kernel", "show", extra.toString()).out()).contains("program " + program + " drop_dns");
        // a second pin holds it: removing the first leaves it in the kernel, and the output says so
        assertThat(ok("kernel", "unload", dir.resolve("obj").toString()).out()).contains("still in the kernel");
        assertThat(ok("kernel", "unload", extra.toString()).out()).contains("freed by the kernel");
    }

    @Test
    void loadingTwiceIntoOneDirectoryIsRefused() {
        ok("kernel", "load", fixture("array_counter"), "--pin", dir.toString());
        Cli.Result again = Cli.run("kernel", "load", fixture("array_counter"), "--pin", dir.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already holds pins", "extos kernel unload");
    }

    @Test
    void unknownIdsAndPathsAreOneLineErrors() {
        Cli.Result noId = Cli.run("kernel", "show", "2147483647");
        assertThat(noId.exitCode()).isEqualTo(1);
        assertThat(noId.err().strip()).isEqualTo("extos: no program with id 2147483647 in the kernel (extos kernel list; for a map id add --map)");
        assertThat(Cli.run("kernel", "show", "--map", "99999999999").err().strip())
                .isEqualTo("extos: no map with id 99999999999 in the kernel (extos kernel list --maps)");
        Cli.Result noPin = Cli.run("kernel", "run", dir.resolve("nothing").toString());
        assertThat(noPin.err().strip()).isEqualTo("extos: nothing is pinned at " + dir.resolve("nothing"));
        assertThat(Cli.run("kernel", "stats", "maybe").err()).contains("takes on or off");
        assertThat(ok("kernel", "stats").out()).startsWith("kernel.bpf_stats_enabled = ");
    }
}
