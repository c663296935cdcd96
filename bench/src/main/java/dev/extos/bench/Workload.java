package dev.extos.bench;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Engines;
import dev.extos.vm.Executable;
import dev.extos.vm.HelperTable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One benchmark workload: an assembly program, the bytes it runs over, and two independent
 * ways of knowing what a run must do, so that a benchmark cannot silently time a broken program
 * or report a wrong per-instruction figure.
 *
 * <p><b>Result.</b> {@link #expectedResult} is computed in plain Java from the same inputs;
 * {@link #verify} compares it with r0 of a real run.
 *
 * <p><b>Instructions executed per run</b> (the denominator of "ns per instruction") is known in
 * two ways that share nothing but the program text, and {@link #verify} insists they agree:
 * <ol>
 *   <li>Analytically ({@link #expectedInstructions}): each program is a straight prologue, one
 *       loop whose body is entered once per element, an optional instruction taken only for some
 *       elements, and an {@code exit}; the formula next to each program counts them from the
 *       loop bound and the data (e.g. the number of newline bytes, counted in Java).</li>
 *   <li>By instrumentation ({@link #instrument}): the assembly text is rewritten so that an
 *       {@code add %r9, 1} precedes every original instruction (labels move with it, so every
 *       jump still lands on the counter of its target), and the count is stored on the stack
 *       just before {@code exit}. r9 is not used by the programs, so control flow and r0 are
 *       unchanged; running that variant once counts every instruction the original executes,
 *       including the {@code exit}, and none of the counting instructions.</li>
 * </ol>
 * A change to a program that forgets its formula, or an interpreter that skips or repeats an
 * instruction, makes the two disagree and the benchmark refuses to start.
 */
record Workload(String name, String source, byte[] data, long r2, long expectedResult, long expectedInstructions) {

    /** Loop bound of {@link #sumLoop()}. */
    static final int SUM_N = 100_000;
    /** Bytes of text {@link #countNewlines()} scans. */
    static final int TEXT_BYTES = 64 * 1024;

    /**
     * r0 = 0 + 1 + ... + (r2 - 1), for r2 >= 1 (a do-while loop).
     * Executed: 2 (prologue) + 3 per iteration x r2 + 1 (exit) = 3 r2 + 3.
     */
    static final String SUM_LOOP = """
                mov %r0, 0
                mov %r3, 0
            loop:
                add %r0, %r3
                add %r3, 1
                jlt %r3, %r2, loop
                exit
            """;

    /**
     * r0 = how many bytes in [r1, r1 + r2) are '\n' (10), for r2 >= 1.
     * Executed: 2 (prologue) + 4 per byte (ldxb, jne, add, jlt) + 1 per newline (the add to r0,
     * which jne skips for every other byte) + 1 (exit) = 4 r2 + newlines + 3.
     */
    static final String COUNT_NEWLINES = """
                mov %r0, 0
                add %r2, %r1
            loop:
                ldxb %r3, [%r1+0]
                jne %r3, 10, next
                add %r0, 1
            next:
                add %r1, 1
                jlt %r1, %r2, loop
                exit
            """;

    /** A few lines of a web server's access log; repeated to fill {@link #TEXT_BYTES}. */
    static final String ACCESS_LOG = """
            10.0.3.7 - [13:55:36] "GET /index.html" 200 5120
            10.0.3.7 - [13:55:36] "GET /css/site.css" 200 1843
            10.0.3.7 - [13:55:37] "GET /js/app.js" 200 48211
            172.16.4.21 - [13:55:37] "GET /api/items?page=2" 200 913
            172.16.4.21 - [13:55:38] "POST /api/cart" 201 77
            192.168.0.5 - [13:55:38] "GET /favicon.ico" 404 0
            10.0.9.144 - [13:55:39] "GET /img/logo.png" 304 0
            172.16.4.21 - [13:55:40] "GET /api/cart" 200 1204
            10.0.3.7 - [13:55:41] "GET /docs/start" 200 20480
            192.168.0.5 - [13:55:41] "GET /login" 302 0
            192.168.0.5 - [13:55:42] "POST /login" 200 388
            10.0.12.3 - [13:55:44] "GET /health" 200 2
            172.16.4.21 - [13:55:45] "DELETE /api/cart/7" 204 0
            10.0.9.144 - [13:55:47] "GET /search?q=ebpf" 200 7311
            10.0.12.3 - [13:55:49] "GET /health" 200 2
            203.0.113.50 - [13:55:50] "GET /wp-admin.php" 404 0
            """;

    private static final Pattern USES_R9 = Pattern.compile("%?\\br9\\b");
    private static final Pattern NUMERIC_TARGET = Pattern.compile("[\\s,][+-]?\\d+$");

    /** The 3-instruction loop summing 0..N-1. */
    static Workload sumLoop() {
        long n = SUM_N;
        return new Workload("sumLoop", SUM_LOOP, new byte[8], n, n * (n - 1) / 2, 3 * n + 3);
    }

    /** The byte scan counting newlines over 64 KiB of access log. */
    static Workload countNewlines() {
        byte[] text = accessLogText(TEXT_BYTES);
        long newlines = 0;
        for (byte b : text) {
            if (b == '\n') {
                newlines++;
            }
        }
        return new Workload("countNewlines", COUNT_NEWLINES, text, text.length, newlines, 4L * text.length + newlines + 3);
    }

    /** The benchmark methods that have a workload, in the order tables list them. */
    static final List<String> NAMES = List.of("sumLoop", "countNewlines");

    /** The workload run by the benchmark method {@code name}, or null. */
    static Workload byName(String name) {
        return switch (name) {
            case "sumLoop" -> sumLoop();
            case "countNewlines" -> countNewlines();
            default -> null;
        };
    }

    /** {@link #ACCESS_LOG} repeated and cut to exactly {@code bytes} bytes. */
    static byte[] accessLogText(int bytes) {
        byte[] snippet = ACCESS_LOG.getBytes(StandardCharsets.US_ASCII);
        byte[] text = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            text[i] = snippet[i % snippet.length];
        }
        return text;
    }

    /** Share of the data's bytes that are newlines, for the docs. */
    double newlineShare() {
        long n = 0;
        for (byte b : data) {
            if (b == '\n') {
                n++;
            }
        }
        return data.length == 0 ? 0 : (double) n / data.length;
    }

    /** The program, assembled. */
    Program program() {
        return Assembler.assemble(source);
    }

    /** The program loaded into a fresh reference interpreter, ready to {@link Run#run()}. */
    Run prepare() {
        return prepare(program());
    }

    private Run prepare(Program program) {
        Executable executable = Engines.interpreter().load(program, HelperTable.standard());
        AddressSpace memory = new AddressSpace();
        MemorySegment segment = AddressSpace.allocate(data.length);
        MemorySegment.copy(data, 0, segment, ValueLayout.JAVA_BYTE, 0, data.length);
        long base = memory.mapData("memory", segment, false);
        return new Run(executable, memory, base, r2);
    }

    /**
     * Checks the result of {@code run} against Java and the analytical instruction count against
     * the instrumented count (see the class comment); returns the instructions one run executes.
     *
     * @throws IllegalStateException when anything disagrees
     */
    long verify(Run run) {
        long r0 = run.run();
        if (r0 != expectedResult) {
            throw new IllegalStateException(name + ": the program returned " + r0 + ", Java computes " + expectedResult);
        }
        Run counting = prepare(Assembler.assemble(instrument(source)));
        long countingR0 = counting.run();
        long counted = counting.memory().segment(AddressSpace.base(AddressSpace.FIRST_STACK_REGION))
                .get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), AddressSpace.STACK_SIZE - 8);
        if (countingR0 != expectedResult) {
            throw new IllegalStateException(name + ": the instrumented program returned " + countingR0 + ", not " + expectedResult);
        }
        if (counted != expectedInstructions) {
            throw new IllegalStateException(name + ": the formula gives " + expectedInstructions
                    + " instructions per run, the instrumented program counted " + counted);
        }
        return counted;
    }

    /** {@link #verify(Run)} on a freshly prepared run. */
    long verify() {
        return verify(prepare());
    }

    /**
     * {@code source} with {@code add %r9, 1} before each instruction and, before each
     * {@code exit}, a store of r9 to the top 8 bytes of the stack ({@code [%r10-8]}). Needs
     * labels (not numeric offsets) as jump targets and a program that leaves r9 and its stack
     * alone.
     */
    static String instrument(String source) {
        if (USES_R9.matcher(source).find()) {
            throw new IllegalArgumentException("the program uses r9, the instruction counter");
        }
        List<String> out = new ArrayList<>();
        for (String raw : source.split("\n")) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            int colon = line.indexOf(':');
            if (colon >= 0 && line.substring(0, colon).matches("[A-Za-z_.$][\\w.$]*")) {
                out.add(line.substring(0, colon + 1));
                line = line.substring(colon + 1).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            String mnemonic = line.split("\\s+", 2)[0];
            if (mnemonic.startsWith("j") && NUMERIC_TARGET.matcher(line).find()) {
                throw new IllegalArgumentException("jump by numeric offset cannot be instrumented: " + line);
            }
            out.add("add %r9, 1");
            if (mnemonic.equals("exit")) {
                out.add("stxdw [%r10-8], %r9");
            }
            out.add(line);
        }
        return String.join("\n", out) + "\n";
    }

    /** A loaded program with its memory and arguments: what one benchmark invocation runs. */
    record Run(Executable executable, AddressSpace memory, long r1, long r2) {
        long run() {
            return executable.run(memory, r1, r2);
        }
    }
}
