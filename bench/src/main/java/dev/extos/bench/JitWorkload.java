package dev.extos.bench;

import dev.extos.isa.asm.Assembler;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.Verdict;
import dev.extos.verifier.VerifiedProgram;
import dev.extos.verifier.Verifier;
import dev.extos.verifier.VerifierOptions;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Engine;
import dev.extos.vm.Executable;
import dev.extos.vm.HelperTable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * One program of the JIT comparison ({@code run-bench jit}) in the three forms the four columns
 * run: ExtOS assembly of the conformance memory type (r1 = the data, r2 = its length) for the
 * interpreter and the JIT, the same function as an XDP program the Linux verifier accepts (the
 * data is the packet; loops count to a constant), and C for gcc (in resources {@code c/NAME.c}).
 * The kernel sees at most a page of packet, so a workload over more data runs the kernel on
 * {@code kernelPacket} (a prefix) and scales its time by {@link #kernelScale}.
 */
record JitWorkload(String name, String description, String extos, byte[] data, long cLen, String kernel, byte[] kernelPacket,
                   long expectedResult, long kernelExpectedResult) {

    /** The programs in table order. */
    static final List<String> NAMES = List.of("sumLoop", "countNewlines", "packetParser");

    /** Bytes of packet the kernel's newline count scans (XDP test runs take at most about 3.5 KiB). */
    static final int KERNEL_TEXT_BYTES = 3072;

    /** r0 = 0 + 1 + ... + 99,999: three instructions per iteration, no memory. */
    static final String SUM_LOOP = """
                mov %r0, 0
                mov %r3, 0
                mov %r2, 100000
            loop:
                add %r0, %r3
                add %r3, 1
                jlt %r3, %r2, loop
                exit
            """;

    /**
     * The '\n' bytes of the data, indexed by a counter, branch-free: {@code (b ^ 10) - 1} has its
     * top bit set only for a newline. (The verifier walks the loop one iteration at a time; with a
     * branch in the body its paths multiply and it gives up on 64 Ki iterations, without one it
     * takes a few seconds.)
     */
    static final String COUNT_NEWLINES = """
                mov %r0, 0
                mov %r4, 0
            loop:
                mov %r5, %r1
                add %r5, %r4
                ldxb %r3, [%r5+0]
                xor %r3, 10
                add %r3, -1
                rsh %r3, 63
                add %r0, %r3
                add %r4, 1
                jlt %r4, %r2, loop
                exit
            """;

    /** The kernel's form: the packet bounds are checked per byte, the loop counts to a constant. */
    static final String KERNEL_COUNT_NEWLINES = """
                ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+4]
                mov %r0, 0
                mov %r4, 0
            loop:
                mov %r5, %r2
                add %r5, %r4
                mov %r6, %r5
                add %r6, 1
                jgt %r6, %r3, out
                ldxb %r6, [%r5+0]
                jne %r6, 10, next
                add %r0, 1
            next:
                add %r4, 1
                jlt %r4, LEN, loop
            out:
                exit
            """.replace("LEN", Integer.toString(KERNEL_TEXT_BYTES));

    /**
     * Ethernet, IPv4 and UDP checks with r2 = data, r3 = data_end: IPv4 without options, not a
     * fragment, UDP to port 53 with plausible lengths. r0 = 2 (XDP_PASS) if all hold, else 1 (XDP_DROP).
     * Big-endian fields are compared byte-swapped, as clang does with {@code bpf_htons}.
     */
    static final String PARSER_BODY = """
                mov %r0, 1
                mov %r4, %r2
                add %r4, 42
                jgt %r4, %r3, out
                ldxh %r5, [%r2+12]
                jne %r5, 0x8, out
                ldxb %r5, [%r2+14]
                jne %r5, 0x45, out
                ldxh %r5, [%r2+20]
                and %r5, 0xff3f
                jne %r5, 0, out
                ldxb %r5, [%r2+23]
                jne %r5, 17, out
                ldxh %r5, [%r2+16]
                be16 %r5
                jlt %r5, 28, out
                ldxh %r5, [%r2+36]
                jne %r5, 0x3500, out
                ldxh %r5, [%r2+38]
                be16 %r5
                jlt %r5, 8, out
                mov %r0, 2
            out:
                exit
            """;

    /** ExtOS: data_end = r1 + r2, data = r1. */
    static final String PACKET_PARSER = """
                mov %r3, %r1
                add %r3, %r2
                mov %r2, %r1
            """ + PARSER_BODY;

    /** The kernel: data and data_end from struct xdp_md. */
    static final String KERNEL_PACKET_PARSER = """
                ldxw %r2, [%r1+0]
                ldxw %r3, [%r1+4]
            """ + PARSER_BODY;

    static JitWorkload byName(String name) {
        return switch (name) {
            case "sumLoop" -> {
                long n = 100_000;
                // XDP test runs need at least an Ethernet header of packet, unused here.
                yield new JitWorkload(name, "sum of 0..99,999 (3 insns/iteration)", SUM_LOOP, new byte[0], n, SUM_LOOP,
                        new byte[64], n * (n - 1) / 2, n * (n - 1) / 2);
            }
            case "countNewlines" -> {
                byte[] text = Workload.accessLogText(Workload.TEXT_BYTES);
                byte[] prefix = java.util.Arrays.copyOf(text, KERNEL_TEXT_BYTES);
                yield new JitWorkload(name, "'\\n' in 64 KiB of access log", COUNT_NEWLINES, text, text.length,
                        KERNEL_COUNT_NEWLINES, prefix, newlines(text), newlines(prefix));
            }
            case "packetParser" -> new JitWorkload(name, "Ethernet/IPv4/UDP checks on a 64-byte DNS query",
                    PACKET_PARSER, udpPacket(), 64, KERNEL_PACKET_PARSER, udpPacket(), 2, 2);
            default -> throw new IllegalArgumentException("no JIT workload '" + name + "' (known: " + NAMES + ")");
        };
    }

    /** How many times the kernel's run must be counted to match one run of the ExtOS program. */
    double kernelScale() {
        return name.equals("countNewlines") ? (double) data.length / kernelPacket.length : 1;
    }

    private static long newlines(byte[] text) {
        long n = 0;
        for (byte b : text) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    /** A 64-byte Ethernet frame: IPv4, UDP from port 40000 to 53 (a DNS query's headers), zero payload. */
    static byte[] udpPacket() {
        byte[] p = new byte[64];
        int[] header = {
                0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x08, 0x00,       // Ethernet: dst, src, IPv4
                0x45, 0, 0, 50, 0x12, 0x34, 0x40, 0, 64, 17, 0, 0,           // IPv4: v4 IHL 5, len 50, DF, TTL 64, UDP
                10, 0, 0, 1, 10, 0, 0, 2,                                    // addresses
                0x9c, 0x40, 0, 53, 0, 30, 0, 0};                             // UDP: 40000 -> 53, length 30
        for (int i = 0; i < header.length; i++) {
            p[i] = (byte) header[i];
        }
        return p;
    }

    /**
     * The ExtOS program verified under the memory type of this data's size (with a raised
     * instruction cap: the path-exploring verifier walks the 64 Ki-iteration loop one iteration
     * at a time, and its time is not what is measured here).
     */
    VerifiedProgram verified() {
        Verdict v = Verifier.verify(Assembler.assemble(extos), ProgramType.memory(data.length), List.of(),
                new VerifierOptions(false, 8_000_000));
        if (v instanceof Verdict.Accepted a) {
            return a.program();
        }
        throw new IllegalStateException(name + ": the verifier rejects the benchmark program: " + v);
    }

    /** {@code engine} loaded with the verified program, its memory mapped, r0 checked against Java. */
    Workload.Run prepare(Engine engine) {
        Executable executable = engine.load(verified(), HelperTable.standard());
        AddressSpace memory = new AddressSpace();
        MemorySegment segment = AddressSpace.allocate(data.length);
        MemorySegment.copy(data, 0, segment, ValueLayout.JAVA_BYTE, 0, data.length);
        long base = memory.mapData("memory", segment, false);
        Workload.Run run = new Workload.Run(executable, memory, base, data.length);
        long r0 = run.run();
        if (r0 != expectedResult) {
            throw new IllegalStateException(name + " on " + engine.name() + ": r0 = " + r0 + ", Java computes " + expectedResult);
        }
        return run;
    }
}
