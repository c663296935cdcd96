package dev.extos.vm.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.AluOp;
import dev.extos.isa.Imm;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import dev.extos.isa.Size;
import dev.extos.isa.Width;
import dev.extos.isa.asm.Assembler;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Engines;
import dev.extos.vm.Executable;
import dev.extos.vm.HelperTable;
import dev.extos.vm.interp.Interpreter;
import java.lang.foreign.MemorySegment;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The JIT as an engine: chosen by name, compiled to a hidden class, split or falling back when too large. */
class JitEngineTest {

    @Test
    void itIsChosenByName() {
        assertThat(Engines.names()).contains("jit");
        assertThat(Engines.byName("jit").name()).isEqualTo("jit");
        assertThat(Engines.jit()).isInstanceOf(JitCompiler.class);
    }

    @Test
    void aProgramBecomesAHiddenClassThatIsItsExecutable() {
        Executable e = new JitCompiler().load(Assembler.assemble("mov %r0, %r1\nadd %r0, %r2\nexit"), HelperTable.standard());
        assertThat(e.getClass().isHidden()).isTrue();
        assertThat(e.run(new AddressSpace(), 40, 2)).isEqualTo(42);
    }

    @Test
    void theHiddenClassIsUnloadedWithItsProgram() throws InterruptedException {
        WeakReference<Class<?>> type = compileAndForget();
        for (int i = 0; i < 20 && type.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(type.get()).as("the generated class after its executable became unreachable").isNull();
    }

    private static WeakReference<Class<?>> compileAndForget() {
        Executable e = new JitCompiler().load(Assembler.assemble("mov %r0, 7\nexit"), HelperTable.standard());
        assertThat(e.run(new AddressSpace(), 0)).isEqualTo(7);
        return new WeakReference<>(e.getClass());
    }

    @Test
    void functionsTooLargeForHotSpotAreSplitIntoChunksAndAgreeWithTheInterpreter() {
        // 5,000 instructions: beyond MAX_FUNCTION_INSTRUCTIONS, split without a first try.
        List<Instruction> many = new ArrayList<>();
        many.add(new Alu(Width.W64, AluOp.MOV, Reg.R0, new Imm(0)));
        for (int i = 0; i < 5000; i++) {
            many.add(new Alu(Width.W64, AluOp.ADD, Reg.R0, new Imm(i)));
        }
        many.add(new Exit());
        assertSplitAndAgrees(Program.of(many));

        // 1,500 memory accesses: few instructions, but over HUGE_METHOD_LIMIT bytes as one method.
        List<Instruction> accesses = new ArrayList<>();
        accesses.add(new Alu(Width.W64, AluOp.MOV, Reg.R0, new Imm(0)));
        for (int i = 0; i < 1500; i++) {
            accesses.add(new Store(Size.DW, Reg.R10, new Imm(i), -8 - 8 * (i % 64)));
        }
        accesses.add(new Load(Size.DW, false, Reg.R0, Reg.R10, -8));
        accesses.add(new Exit());
        assertSplitAndAgrees(Program.of(accesses));

        // 3,000 local calls: over the JVM's own 64 KiB as one method, which the class file API refuses.
        List<Instruction> calls = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            calls.add(new CallLocal(3000 - i));
        }
        calls.add(new Exit());
        calls.add(new Alu(Width.W64, AluOp.ADD, Reg.R6, new Imm(1)));
        calls.add(new Alu(Width.W64, AluOp.MOV, Reg.R0, Reg.R6));
        calls.add(new Exit());
        assertSplitAndAgrees(Program.of(calls));
    }

    private static void assertSplitAndAgrees(Program program) {
        Compilation c = new JitCompiler().compile(program, HelperTable.standard());
        assertThat(c.compiled()).as(c.fallbackReason().orElse("")).isTrue();
        assertThat(BytecodeDump.of(c.classBytes().orElseThrow())).contains("method fn0$1(");
        long expected = new Interpreter().load(program, HelperTable.standard()).run(new AddressSpace(), 0);
        assertThat(c.executable().run(new AddressSpace(), 0)).isEqualTo(expected);
    }

    @Test
    void aProgramOverTheTotalLimitRunsOnTheInterpreterWithTheSameResult() {
        List<Instruction> many = new ArrayList<>();
        many.add(new Alu(Width.W64, AluOp.MOV, Reg.R0, new Imm(0)));
        for (int i = 0; i < JitCompiler.MAX_TOTAL_INSTRUCTIONS; i++) {
            many.add(new Alu(Width.W64, AluOp.ADD, Reg.R0, new Imm(i)));
        }
        many.add(new Exit());
        Program program = Program.of(many);
        Compilation c = new JitCompiler().compile(program, HelperTable.standard());
        assertThat(c.compiled()).isFalse();
        assertThat(c.classBytes()).isEmpty();
        assertThat(c.fallbackReason()).hasValueSatisfying(r -> assertThat(r).contains("100000"));
        long expected = new Interpreter().load(program, HelperTable.standard()).run(new AddressSpace(), 0);
        assertThat(c.executable().run(new AddressSpace(), 0)).isEqualTo(expected);
    }

    @Test
    void manyThreadsRunOneCompiledProgramAtOnce() throws Exception {
        // Sums the bytes of the memory in a loop with a local call per byte: run state is per run.
        Executable e = new JitCompiler().load(Assembler.assemble("""
                mov %r6, 0
                mov %r7, %r1
                mov %r8, %r2
                loop:
                jeq %r8, 0, done
                ldxb %r1, [%r7+0]
                call local twice
                add %r6, %r0
                add %r7, 1
                sub %r8, 1
                ja loop
                done:
                mov %r0, %r6
                exit
                twice:
                mov %r0, %r1
                add %r0, %r1
                exit
                """), HelperTable.standard());
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int n = 100 + t;
                results.add(pool.submit(() -> {
                    long last = 0;
                    for (int round = 0; round < 500; round++) {
                        AddressSpace space = new AddressSpace();
                        MemorySegment data = AddressSpace.allocate(n);
                        data.fill((byte) 3);
                        last = e.run(space, space.map("data", data, false), n);
                    }
                    return last;
                }));
            }
            for (int t = 0; t < 8; t++) {
                assertThat(results.get(t).get()).isEqualTo(6L * (100 + t));
            }
        }
    }
}
