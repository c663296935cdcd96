package dev.extos.io;

/** Small filters the tests push, in assembly. */
final class Programs {
    private Programs() {
    }

    /** Keeps records whose first byte is the first byte of the arguments (drops all when there are none). */
    static final String FIRST_BYTE_MATCHES_ARG = """
            ldxw %r2, [%r1+0]
            ldxw %r3, [%r1+4]
            ldxw %r4, [%r1+8]
            ldxw %r5, [%r1+12]
            mov %r0, 0
            mov %r6, %r2
            add %r6, 1
            jgt %r6, %r3, out
            mov %r6, %r4
            add %r6, 1
            jgt %r6, %r5, out
            ldxb %r7, [%r2+0]
            ldxb %r8, [%r4+0]
            jne %r7, %r8, out
            mov32 %r0, -1
            out: exit
            """;

    /** Keeps every record whole. */
    static final String KEEP_ALL = """
            mov32 %r0, -1
            exit
            """;

    /** Keeps the first 3 bytes of every record. */
    static final String KEEP_3 = """
            mov %r0, 3
            exit
            """;

    /** Keeps records whose index is even, through a copy of the context pointer spilled to the stack. */
    static final String EVEN_INDEX_VIA_STACK = """
            stxdw [%r10-8], %r1
            mov %r1, 0
            ldxdw %r6, [%r10-8]
            ldxdw %r0, [%r6+24]
            and %r0, 1
            jne %r0, 0, drop
            mov32 %r0, -1
            exit
            drop: mov %r0, 0
            exit
            """;

    /** Reads one byte past data_end: the verifier must refuse it. */
    static final String READS_PAST_END = """
            ldxw %r2, [%r1+0]
            ldxb %r0, [%r2+0]
            exit
            """;

    /** Rejects (write) records containing a '!' in their first byte; keeps the rest. */
    static final String REJECT_BANG = """
            ldxw %r2, [%r1+0]
            ldxw %r3, [%r1+4]
            mov32 %r0, -1
            mov %r4, %r2
            add %r4, 1
            jgt %r4, %r3, out
            ldxb %r5, [%r2+0]
            jne %r5, 0x21, out
            mov %r0, 0
            out: exit
            """;

    /** A framer: the first byte is the length of the record that follows it (header included in the record). */
    static final String FRAME_BY_FIRST_BYTE = """
            ldxw %r2, [%r1+0]
            ldxw %r3, [%r1+4]
            mov %r0, 0
            mov %r4, %r2
            add %r4, 1
            jgt %r4, %r3, out
            ldxb %r0, [%r2+0]
            jne %r0, 0, plus
            mov %r0, -1
            exit
            plus: add %r0, 1
            out: exit
            """;

    /** Loops over the record's bytes (bounded): faults with a small backward-jump budget. */
    static final String LOOPS = """
            ldxw %r2, [%r1+0]
            ldxw %r3, [%r1+4]
            mov %r6, 0
            mov %r0, 0
            loop: jge %r6, 64, out
            add %r6, 1
            mov %r4, %r2
            add %r4, 1
            jgt %r4, %r3, out
            ldxb %r5, [%r2+0]
            add %r0, %r5
            add %r2, 1
            ja loop
            out: exit
            """;

    /** Keeps records starting with 'a' whole, the first 3 bytes of those starting with 'b', drops the rest. */
    static final String VERDICT_BY_FIRST_BYTE = """
            ldxw %r2, [%r1+0]
            ldxw %r3, [%r1+4]
            mov %r0, 0
            mov %r4, %r2
            add %r4, 1
            jgt %r4, %r3, out
            ldxb %r5, [%r2+0]
            jne %r5, 0x61, notA
            mov32 %r0, -1
            ja out
            notA:
            jne %r5, 0x62, out
            mov %r0, 3
            out:
            exit
            """;
}
