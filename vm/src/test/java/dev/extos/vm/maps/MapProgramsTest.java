package dev.extos.vm.maps;

import static dev.extos.vm.maps.MapPrograms.engines;
import static dev.extos.vm.maps.MapPrograms.load;
import static dev.extos.vm.maps.MapPrograms.run;
import static dev.extos.vm.maps.MapPrograms.u32;
import static dev.extos.vm.maps.MapPrograms.u64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import dev.extos.isa.asm.Assembler;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Engine;
import dev.extos.vm.ExecutionFault;
import dev.extos.vm.Executable;
import dev.extos.vm.HelperTable;
import dev.extos.vm.LoadException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Programs written in assembly that use maps, each run on the interpreter and the JIT with the same results. */
class MapProgramsTest {
    private static final MapAccount ACCOUNT = MapAccount.unlimited("tests");

    /** Runs {@code scenario} on each engine and asserts that all engines produced the same observation. */
    private static <T> T sameOnBothEngines(Function<Engine, T> scenario) {
        List<T> seen = new ArrayList<>();
        for (Engine e : engines()) {
            seen.add(scenario.apply(e));
        }
        assertThat(seen.get(1)).as("jit vs interpreter").isEqualTo(seen.get(0));
        return seen.get(0);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static final String COUNTER = """
            stw [%r10-4], 0
            mov %r2, %r10
            add %r2, -4
            lddw %r1, map_fd 0
            call 1
            jeq %r0, 0, missing
            mov %r1, 1
            lock add [%r0+0], %r1
            ldxdw %r0, [%r0+0]
            exit
            missing:
            mov %r0, -1
            exit
            """;

    @Test
    void theJitCompilesMapProgramsToBytecodeRatherThanFallingBack() {
        List<MapSpec> specs = List.of(MapSpec.of("jumps", MapType.PROG_ARRAY, 4, 4, 4), MapSpec.global(".bss", 8, new byte[0], false));
        for (String asm : List.of(COUNTER, TAIL_CALLER)) {
            var compilation = new dev.extos.vm.jit.JitCompiler().compile(MapPrograms.verified(asm, specs), HelperTable.standard());
            assertThat(compilation.compiled()).isTrue();
            assertThat(compilation.classBytes()).isPresent();
        }
    }

    @Test
    void aCounterInAnArrayMapCountsEveryRun() {
        List<MapSpec> specs = List.of(MapSpec.of("counts", MapType.ARRAY, 4, 8, 1));
        List<Long> outcome = sameOnBothEngines(engine -> {
            try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT)) {
                Executable p = load(engine, COUNTER, specs);
                List<Long> r0s = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    r0s.add(run(p, maps));
                }
                r0s.add(u64(maps.get(0).lookup(u32(0)).orElseThrow(), 0));
                return r0s;
            }
        });
        assertThat(outcome).containsExactly(1L, 2L, 3L, 4L, 5L, 5L);
    }

    @Test
    void aPerCpuCounterIsIncrementedWithoutAtomicsInTheCallingThreadsCopy() {
        // Plain load-add-store on this CPU's copy; returns get_smp_processor_id.
        String asm = """
                stw [%r10-4], 0
                mov %r2, %r10
                add %r2, -4
                lddw %r1, map_fd 0
                call 1
                jeq %r0, 0, missing
                ldxdw %r1, [%r0+0]
                add %r1, 1
                stxdw [%r0+0], %r1
                call 8
                exit
                missing:
                mov %r0, -1
                exit
                """;
        List<MapSpec> specs = List.of(MapSpec.of("counts", MapType.PERCPU_ARRAY, 4, 8, 1));
        List<Long> outcome = sameOnBothEngines(engine -> {
            try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT)) {
                Executable p = load(engine, asm, specs);
                long cpu = 0;
                for (int i = 0; i < 3; i++) {
                    cpu = run(p, maps);
                }
                ArrayMap counts = maps.get(0, ArrayMap.class);
                long total = 0;
                for (int c = 0; c < Cpus.count(); c++) {
                    total += u64(counts.lookup(u32(0), c), 0);
                }
                return List.of(cpu, u64(counts.lookup(u32(0), (int) cpu), 0), total);
            }
        });
        assertThat(outcome).containsExactly((long) Cpus.current(), 3L, 3L);
    }

    @Test
    void aHashFilterKeepsRecordsWhoseKeyIsInTheMapAndCountsHits() {
        // Key: the record's first 4 bytes; map value: hits. Keeps (returns 1) the records whose key is present.
        String asm = """
                ldxw %r3, [%r1+0]
                stxw [%r10-4], %r3
                mov %r2, %r10
                add %r2, -4
                lddw %r1, map_fd 0
                call 1
                jeq %r0, 0, drop
                mov %r1, 1
                lock add [%r0+0], %r1
                mov %r0, 1
                exit
                drop:
                mov %r0, 0
                exit
                """;
        List<MapSpec> specs = List.of(MapSpec.of("allow", MapType.HASH, 4, 8, 16));
        List<Long> outcome = sameOnBothEngines(engine -> {
            try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT)) {
                BpfMap allow = maps.get(0);
                allow.update(u32(7), u64(0), UpdateFlags.BPF_NOEXIST);
                allow.update(u32(9), u64(100), UpdateFlags.BPF_NOEXIST);
                Executable p = load(engine, asm, specs);
                List<Long> seen = new ArrayList<>();
                for (int key : new int[] {7, 8, 9, 7, 1}) {
                    seen.add(run(p, maps, u32(key)));
                }
                seen.add(u64(allow.lookup(u32(7)).orElseThrow(), 0));
                seen.add(u64(allow.lookup(u32(9)).orElseThrow(), 0));
                seen.add((long) allow.keys().size());
                return seen;
            }
        });
        assertThat(outcome).containsExactly(1L, 0L, 1L, 1L, 0L, 2L, 101L, 2L);
    }

    @Test
    void programsInsertUpdateAndDeleteWithTheKernelsFlagsAndErrors() {
        // r6..r9 collect the results of: insert (NOEXIST), insert again (NOEXIST), update (EXIST) of a missing key, delete twice.
        String asm = """
                stw [%r10-4], 5
                stdw [%r10-16], 55
                lddw %r1, map_fd 0
                mov %r2, %r10
                add %r2, -4
                mov %r3, %r10
                add %r3, -16
                mov %r4, 1
                call 2
                mov %r6, %r0
                lddw %r1, map_fd 0
                mov %r2, %r10
                add %r2, -4
                mov %r3, %r10
                add %r3, -16
                mov %r4, 1
                call 2
                mov %r7, %r0
                stw [%r10-4], 6
                lddw %r1, map_fd 0
                mov %r2, %r10
                add %r2, -4
                mov %r3, %r10
                add %r3, -16
                mov %r4, 2
                call 2
                mov %r8, %r0
                lddw %r1, map_fd 0
                mov %r2, %r10
                add %r2, -4
                call 3
                mov %r9, %r0
                stxdw [%r10-24], %r6
                stxdw [%r10-32], %r7
                stxdw [%r10-40], %r8
                stxdw [%r10-48], %r9
                lddw %r1, map_value 1, 0
                ldxdw %r2, [%r10-24]
                stxdw [%r1+0], %r2
                ldxdw %r2, [%r10-32]
                stxdw [%r1+8], %r2
                ldxdw %r2, [%r10-40]
                stxdw [%r1+16], %r2
                ldxdw %r2, [%r10-48]
                stxdw [%r1+24], %r2
                mov %r0, 0
                exit
                """;
        List<MapSpec> specs = List.of(MapSpec.of("h", MapType.HASH, 4, 8, 4), MapSpec.global(".bss", 32, new byte[0], false));
        List<Long> outcome = sameOnBothEngines(engine -> {
            try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT)) {
                run(load(engine, asm, specs), maps);
                byte[] results = maps.get(1).lookup(u32(0)).orElseThrow();
                List<Long> seen = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    seen.add(u64(results, 8 * i));
                }
                seen.add(u64(maps.get(0).lookup(u32(5)).orElseThrow(), 0));
                return seen;
            }
        });
        assertThat(outcome).containsExactly(0L, (long) -Errno.EEXIST, (long) -Errno.ENOENT, (long) -Errno.ENOENT, 55L);
    }

    @Test
    void aRingBufferProducerIsConsumedFromJava() {
        // Reserves 16 bytes: the record's first 8 bytes and the constant 0x1122; discards when the first byte is 0;
        // then outputs the record's bytes 4..8 with ringbuf_output.
        String asm = """
                mov %r6, %r1
                lddw %r1, map_fd 0
                mov %r2, 16
                mov %r3, 0
                call 131
                jeq %r0, 0, full
                ldxdw %r1, [%r6+0]
                stxdw [%r0+0], %r1
                stdw [%r0+8], 0x1122
                mov %r1, %r0
                mov %r2, 0
                ldxb %r3, [%r6+0]
                jeq %r3, 0, discard
                call 132
                ja output
                discard:
                call 133
                output:
                lddw %r1, map_fd 0
                mov %r2, %r6
                add %r2, 4
                mov %r3, 4
                mov %r4, 0
                call 130
                exit
                full:
                mov %r0, -1
                exit
                """;
        List<MapSpec> specs = List.of(MapSpec.of("events", MapType.RINGBUF, 0, 0, 256));
        List<String> outcome = sameOnBothEngines(engine -> {
            try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT)) {
                Executable p = load(engine, asm, specs);
                List<String> seen = new ArrayList<>();
                seen.add("r0=" + run(p, maps, bytes(1, 2, 3, 4, 5, 6, 7, 8)));
                seen.add("r0=" + run(p, maps, bytes(0, 2, 3, 4, 9, 9, 9, 9)));
                RingBuffer ring = maps.get(0, RingBuffer.class);
                for (byte[] record : ring.drain()) {
                    seen.add(java.util.HexFormat.of().formatHex(record));
                }
                // 256 bytes hold at most 3 more 24-byte records and 16-byte outputs before the consumer frees space.
                int full = 0;
                for (int i = 0; i < 20; i++) {
                    if (run(p, maps, bytes(1, 1, 1, 1, 1, 1, 1, 1)) != 0) {
                        full++;
                    }
                }
                seen.add("failed=" + full);
                return seen;
            }
        });
        assertThat(outcome.subList(0, 5)).containsExactly("r0=0", "r0=0", "01020304050607082211000000000000", "05060708",
                "09090909");
        assertThat(outcome.get(5)).isNotEqualTo("failed=0");
    }

    static final String TAIL_CALLER = """
            mov %r6, %r1
            lddw %r1, map_value 1, 0
            mov %r2, 1
            lock add [%r1+0], %r2
            mov %r1, %r6
            lddw %r2, map_fd 0
            ldxw %r3, [%r6+0]
            call 12
            exit
            """;

    /** Runs the chain: program 0 tail-calls the index in its data; the slots hold {@code slots}. */
    private static List<Long> tailCalls(Engine engine, int index, boolean selfLoop) {
        List<MapSpec> specs = List.of(MapSpec.of("jumps", MapType.PROG_ARRAY, 4, 4, 4), MapSpec.global(".bss", 8, new byte[0], false));
        try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT)) {
            Executable caller = load(engine, TAIL_CALLER, specs);
            Executable target = load(engine, """
                    lddw %r1, map_value 1, 0
                    mov %r2, 100
                    lock add [%r1+0], %r2
                    mov %r0, 42
                    exit
                    """, specs);
            ProgramArray jumps = maps.get(0, ProgramArray.class);
            jumps.set(0, selfLoop ? caller : target);
            jumps.set(1, target);
            long r0 = run(caller, maps, u32(index));
            long count = u64(maps.get(1).lookup(u32(0)).orElseThrow(), 0);
            return List.of(r0, count);
        }
    }

    @Test
    void aTailCallReplacesTheCallerWhichNeverResumes() {
        List<Long> outcome = sameOnBothEngines(e -> tailCalls(e, 1, false));
        assertThat(outcome).containsExactly(42L, 101L);
    }

    @Test
    void aTailCallFromABpfToBpfCallUnwindsEveryFrame() {
        // main calls f, which tail-calls slot 0; neither f nor main resumes (they would add 1000 and 10000).
        String asm = """
                mov %r6, %r1
                call local f
                add %r0, 10000
                exit
                f:
                lddw %r2, map_fd 0
                mov %r3, 0
                call 12
                add %r0, 1000
                exit
                """;
        List<MapSpec> specs = List.of(MapSpec.of("jumps", MapType.PROG_ARRAY, 4, 4, 1));
        List<Long> outcome = sameOnBothEngines(engine -> {
            try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT)) {
                Executable caller = load(engine, asm, specs);
                long before = run(caller, maps);
                maps.get(0, ProgramArray.class).set(0, load(engine, "ldxb %r0, [%r1+0]\nexit", specs));
                return List.of(before, run(caller, maps, (byte) 7));
            }
        });
        assertThat(outcome).containsExactly(11000L - Errno.ENOENT, 7L);
    }

    @Test
    void threadsProducingRingBufferRecordsAndUpdatingAHashThroughProgramsLoseNothing() throws Exception {
        // Each run outputs its 8 data bytes to the ring and inserts them as a key of the hash with value 1.
        String asm = """
                mov %r6, %r1
                lddw %r1, map_fd 0
                mov %r2, %r6
                mov %r3, 8
                mov %r4, 0
                call 130
                jne %r0, 0, out
                stdw [%r10-8], 1
                lddw %r1, map_fd 1
                mov %r2, %r6
                mov %r3, %r10
                add %r3, -8
                mov %r4, 1
                call 2
                out:
                exit
                """;
        List<MapSpec> specs = List.of(MapSpec.of("events", MapType.RINGBUF, 0, 0, 1 << 16), MapSpec.of("seen", MapType.HASH, 8, 8, 4096));
        int threads = 4;
        int each = 500;
        for (Engine engine : engines()) {
            try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT);
                 java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
                Executable p = load(engine, asm, specs);
                List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    done.add(pool.submit(() -> {
                        AddressSpace space = MapPrograms.space(maps, new byte[8]);
                        for (int i = 0; i < each; i++) {
                            space.segment(AddressSpace.base(AddressSpace.DATA_REGION)).copyFrom(
                                    java.lang.foreign.MemorySegment.ofArray(u64(id * 1_000_000L + i)));
                            assertThat(p.run(space, AddressSpace.base(AddressSpace.DATA_REGION), 8)).isZero();
                        }
                    }));
                }
                for (var f : done) {
                    f.get();
                }
                List<byte[]> records = maps.get(0, RingBuffer.class).drain();
                assertThat(records).hasSize(threads * each);
                java.util.Set<Long> values = new java.util.HashSet<>();
                for (byte[] r : records) {
                    values.add(u64(r, 0));
                }
                assertThat(values).hasSize(threads * each);
                HashTable seen = maps.get(1, HashTable.class);
                assertThat(seen.size()).isEqualTo(threads * each);
                for (long v : values) {
                    assertThat(seen.lookup(u64(v))).isPresent();
                }
            }
        }
    }

    @Test
    void aTailCallToAnEmptySlotOrOutsideTheArrayFailsAndTheCallerContinues() {
        List<Long> empty = sameOnBothEngines(e -> tailCalls(e, 2, false));
        List<Long> outside = sameOnBothEngines(e -> tailCalls(e, 99, false));
        assertThat(empty).containsExactly((long) -Errno.ENOENT, 1L);
        assertThat(outside).containsExactly((long) -Errno.ENOENT, 1L);
    }

    @Test
    void aRunMakesAtMost33TailCallsThenTheCallFails() {
        // The caller tail-calls itself: 1 + 33 runs of its body, the 34th call fails with E2BIG and it returns that.
        List<Long> outcome = sameOnBothEngines(e -> tailCalls(e, 0, true));
        assertThat(outcome).containsExactly((long) -Errno.E2BIG, 34L);
    }

    @Test
    void theTailCallLimitIsPerRunAndAFaultEndsTheChainCleanly() {
        for (Engine engine : engines()) {
            List<MapSpec> specs = List.of(MapSpec.of("jumps", MapType.PROG_ARRAY, 4, 4, 1), MapSpec.global(".bss", 8, new byte[0], false));
            try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT)) {
                Executable caller = load(engine, TAIL_CALLER, specs);
                maps.get(0, ProgramArray.class).set(0, caller);
                AddressSpace space = MapPrograms.space(maps, u32(0));
                long data = AddressSpace.base(AddressSpace.DATA_REGION);
                assertThat(caller.run(space, data, 4)).isEqualTo(-Errno.E2BIG);
                assertThat(caller.run(space, data, 4)).as(engine.name()).isEqualTo(-Errno.E2BIG);
                assertThat(u64(maps.get(1).lookup(u32(0)).orElseThrow(), 0)).isEqualTo(68);
                Executable faulty = load(engine, "mov %r0, 0\nldxdw %r0, [%r0+0]\nexit", specs);
                maps.get(0, ProgramArray.class).set(0, faulty);
                assertThatThrownBy(() -> caller.run(space, data, 4)).isInstanceOf(ExecutionFault.class)
                        .hasMessageContaining("null pointer");
                maps.get(0, ProgramArray.class).set(0, caller);
                assertThat(caller.run(space, data, 4)).isEqualTo(-Errno.E2BIG);
            }
        }
    }

    @Test
    void aQueueGivesValuesBackInOrderAndAStackInReverse() {
        String asm = """
                stdw [%r10-8], 1
                lddw %r1, map_fd 0
                mov %r2, %r10
                add %r2, -8
                mov %r3, 0
                call 87
                stdw [%r10-8], 2
                lddw %r1, map_fd 0
                mov %r2, %r10
                add %r2, -8
                mov %r3, 0
                call 87
                stdw [%r10-8], 3
                lddw %r1, map_fd 0
                mov %r2, %r10
                add %r2, -8
                mov %r3, 0
                call 87
                mov %r6, %r0
                lddw %r1, map_fd 0
                mov %r2, %r10
                add %r2, -16
                call 89
                lddw %r1, map_fd 0
                mov %r2, %r10
                add %r2, -16
                call 88
                jne %r0, 0, failed
                ldxdw %r0, [%r10-16]
                exit
                failed:
                exit
                """;
        for (MapType type : List.of(MapType.QUEUE, MapType.STACK)) {
            List<MapSpec> specs = List.of(MapSpec.of("q", type, 0, 8, 3));
            List<Long> outcome = sameOnBothEngines(engine -> {
                try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT)) {
                    Executable p = load(engine, asm, specs);
                    List<Long> seen = new ArrayList<>();
                    seen.add(run(p, maps));
                    QueueMap q = maps.get(0, QueueMap.class);
                    q.pop().ifPresent(v -> seen.add(u64(v, 0)));
                    q.pop().ifPresent(v -> seen.add(u64(v, 0)));
                    seen.add((long) q.size());
                    // Three pushes into a map of three while one value is still there: the third push fails.
                    q.push(u64(9), false);
                    seen.add(run(p, maps));
                    return seen;
                }
            });
            if (type == MapType.QUEUE) {
                assertThat(outcome).containsExactly(1L, 2L, 3L, 0L, 9L);
            } else {
                assertThat(outcome).containsExactly(3L, 2L, 1L, 0L, 2L);
            }
        }
    }

    @Test
    void popFromAnEmptyQueueZeroesTheValueTheVerifierCountsAsWritten() {
        // The stack slot holds 0x55... before the call; a failed pop must not leave it (stale data) there.
        String asm = """
                lddw %r1, 0x5555555555555555
                stxdw [%r10-8], %r1
                lddw %r1, map_fd 0
                mov %r2, %r10
                add %r2, -8
                call 88
                ldxdw %r1, [%r10-8]
                add %r0, %r1
                exit
                """;
        List<MapSpec> specs = List.of(MapSpec.of("q", MapType.QUEUE, 0, 8, 3));
        List<Long> outcome = sameOnBothEngines(engine -> {
            try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT)) {
                return List.of(run(load(engine, asm, specs), maps));
            }
        });
        assertThat(outcome).containsExactly((long) -Errno.ENOENT);
    }

    @Test
    void globalsAreReachedThroughMapValueAndRodataIsReadOnly() {
        // .bss[0] += .rodata[0] * .data[0]; .data[0] += 1; returns .bss[0]
        String asm = """
                lddw %r1, map_value 0, 4
                ldxw %r2, [%r1+0]
                lddw %r3, map_value 1, 0
                ldxdw %r4, [%r3+0]
                mul %r2, %r4
                add %r4, 1
                stxdw [%r3+0], %r4
                lddw %r5, map_value 2, 0
                ldxdw %r0, [%r5+0]
                add %r0, %r2
                stxdw [%r5+0], %r0
                exit
                """;
        List<MapSpec> specs = List.of(
                MapSpec.global(".rodata", 8, new byte[] {0, 0, 0, 0, 5, 0, 0, 0}, true),
                MapSpec.global(".data", 8, u64(7), false),
                MapSpec.global(".bss", 8, new byte[0], false));
        List<Long> outcome = sameOnBothEngines(engine -> {
            try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT)) {
                Executable p = load(engine, asm, specs);
                List<Long> seen = new ArrayList<>();
                seen.add(run(p, maps));
                seen.add(run(p, maps));
                seen.add(u64(maps.get(1).lookup(u32(0)).orElseThrow(), 0));
                return seen;
            }
        });
        assertThat(outcome).containsExactly(35L, 75L, 9L);
        for (Engine engine : engines()) {
            try (ProgramMaps maps = ProgramMaps.create(specs, ACCOUNT)) {
                Executable writer = load(engine, "lddw %r1, map_value 0, 0\nstw [%r1+0], 1\nmov %r0, 0\nexit", specs);
                assertThatThrownBy(() -> run(writer, maps)).isInstanceOf(ExecutionFault.class)
                        .hasMessageContaining("insn 2").hasMessageContaining("read-only");
            }
        }
    }

    @Test
    void extosHelpersAndTracePrintkBehaveTheSameThroughBothEngines() {
        // Finds ':' in the record, parses the decimal number after it, prints it, and returns number + (hash of the record != 0).
        String asm = """
                mov %r6, %r1
                mov %r7, %r2
                mov %r2, %r7
                mov %r3, 0x3a
                call 1000
                jslt %r0, 0, none
                mov %r1, %r6
                add %r1, %r0
                add %r1, 1
                mov %r2, %r7
                sub %r2, %r0
                sub %r2, 1
                mov %r3, 10
                mov %r4, %r10
                add %r4, -8
                call 1003
                jslt %r0, 0, none
                stdw [%r10-24], 0x64253d6e
                mov %r1, %r10
                add %r1, -24
                mov %r2, 5
                ldxdw %r3, [%r10-8]
                call 6
                mov %r1, %r6
                mov %r2, %r7
                mov %r3, 0
                call 1004
                mov %r1, 0
                jeq %r0, 0, zero
                mov %r1, 1
                zero:
                ldxdw %r0, [%r10-8]
                add %r0, %r1
                exit
                none:
                mov %r0, -1
                exit
                """;
        dev.extos.vm.TraceLog trace = new dev.extos.vm.TraceLog(16);
        List<String> outcome = sameOnBothEngines(engine -> {
            Executable p = engine.load(MapPrograms.verified(asm, List.of()), HelperTable.standard(trace));
            try (ProgramMaps maps = ProgramMaps.create(List.of(), ACCOUNT)) {
                List<String> seen = new ArrayList<>();
                seen.add(Long.toString(run(p, maps, "len:1234 ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
                seen.add(Long.toString(run(p, maps, "no colon".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
                seen.add(Long.toString(run(p, maps, "x:y".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
                seen.addAll(trace.drain());
                return seen;
            }
        });
        assertThat(outcome).containsExactly("1235", "-1", "-1", "n=1234");
    }

    @Test
    void mapReferencesNeedTheVerifiedPathAndAnExistingMap() {
        for (Engine engine : engines()) {
            assertThatThrownBy(() -> engine.load(Assembler.assemble("lddw %r1, map_fd 0\nmov %r0, 0\nexit"), HelperTable.standard()))
                    .isInstanceOf(LoadException.class).hasMessageContaining("map_fd reference is unresolved");
            List<MapSpec> one = List.of(MapSpec.of("a", MapType.ARRAY, 4, 8, 1));
            assertThatThrownBy(() -> load(engine, "lddw %r1, map_value 1, 0\nmov %r0, 0\nexit", one))
                    .isInstanceOf(LoadException.class).hasMessageContaining("insn 0").hasMessageContaining("map 1 does not exist; the program has 1 map");
            Executable handle = load(engine, "lddw %r0, map_fd 0\nexit", one);
            Executable value = load(engine, "lddw %r0, map_value 0, 12\nexit", one);
            try (ProgramMaps maps = ProgramMaps.create(one, ACCOUNT)) {
                assertThat(run(handle, maps)).isEqualTo(ProgramMaps.handle(0)).isEqualTo(16L << 32);
                assertThat(run(value, maps)).isEqualTo(ProgramMaps.handle(0) + 12);
            }
        }
    }

    @Test
    void aHelperGivenSomethingOtherThanAMapHandleFaultsAtTheCall() {
        for (Engine engine : engines()) {
            List<MapSpec> one = List.of(MapSpec.of("a", MapType.ARRAY, 4, 8, 1));
            Executable p = load(engine, "mov %r1, 12\nmov %r2, %r10\ncall 1\nexit", one);
            try (ProgramMaps maps = ProgramMaps.create(one, ACCOUNT)) {
                assertThatThrownBy(() -> run(p, maps)).isInstanceOf(ExecutionFault.class)
                        .hasMessageContaining("insn 2").hasMessageContaining("map_lookup_elem: 0xc is not the handle of a map");
            }
        }
    }
}
