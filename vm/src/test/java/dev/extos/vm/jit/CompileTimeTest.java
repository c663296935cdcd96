package dev.extos.vm.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.AluOp;
import dev.extos.isa.Imm;
import dev.extos.isa.Instruction;
import dev.extos.isa.Instruction.*;
import dev.extos.isa.JumpCondition;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import dev.extos.isa.Size;
import dev.extos.isa.Width;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.HelperTable;
import dev.extos.vm.interp.Interpreter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Measures (prints, never asserts on) how long compiling a program of about 1,000 instructions
 * takes: planning, class generation with stack maps, hidden-class definition and initialisation.
 */
class CompileTimeTest {

    @Test
    void compilingAThousandInstructionsIsPrinted() {
        measure("1,000 instructions in 4 functions of 250", program(4, 250));
        measure("1,000 instructions in 1 function", program(1, 1000));
    }

    private static void measure(String what, Program program) {
        HelperTable helpers = HelperTable.standard();
        JitCompiler jit = new JitCompiler();
        long cold = System.nanoTime();
        Compilation first = jit.compile(program, helpers);
        cold = System.nanoTime() - cold;
        long expected = new Interpreter().load(program, helpers).run(new AddressSpace(), 0);
        assertThat(first.executable().run(new AddressSpace(), 0)).isEqualTo(expected);
        if (!first.compiled()) {
            System.out.printf("compile time, %s: not measured, it runs on the interpreter (%s)%n",
                    what, first.fallbackReason().orElseThrow());
            return;
        }
        for (int i = 0; i < 150; i++) {
            jit.compile(program, helpers).executable().run(new AddressSpace(), 0); // warm the compiler itself up
        }
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            jit.compile(program, helpers).executable().run(new AddressSpace(), 0);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("compile time, %s (after 150 warm-up compilations): median %.2f ms, min %.2f ms, max %.2f ms"
                        + " (first in this test: %.1f ms); class file %d bytes%n",
                what, nanos[nanos.length / 2] / 1e6, nanos[0] / 1e6, nanos[nanos.length - 1] / 1e6, cold / 1e6,
                first.classBytes().orElseThrow().length);
    }

    /** {@code functions} functions of about {@code size} instructions of ALU, stack traffic and forward jumps. */
    static Program program(int functions, int size) {
        SplittableRandom random = new SplittableRandom(1000);
        List<Instruction> all = new ArrayList<>();
        int[] starts = new int[functions];
        int perFunction = size;
        // main: calls the others first, then its own body.
        for (int f = 0; f < functions; f++) {
            starts[f] = all.size();
            List<Instruction> body = new ArrayList<>();
            int calls = f == 0 ? functions - 1 : 0;
            int own = perFunction - calls - 1;
            for (int i = 0; i < own; i++) {
                int k = random.nextInt(10);
                Reg dst = Reg.of(random.nextInt(10));
                Reg src = Reg.of(random.nextInt(10));
                body.add(switch (k) {
                    case 0, 1, 2 -> new Alu(Width.W64, AluOp.values()[random.nextInt(AluOp.values().length)], dst,
                            new Imm(random.nextInt()));
                    case 3, 4 -> new Alu(Width.W32, AluOp.values()[random.nextInt(AluOp.values().length)], dst, src);
                    case 5 -> new Store(Size.DW, Reg.R10, src, -8 * random.nextInt(1, 64));
                    case 6 -> new Load(Size.W, false, dst, Reg.R10, -4 * random.nextInt(1, 128));
                    case 7 -> new Jump(Width.W64, JumpCondition.values()[random.nextInt(11)], dst, new Imm(random.nextInt(100)),
                            Math.min(random.nextInt(1, 8), own - i - 1));
                    default -> new Alu(Width.W64, AluOp.ADD, dst, src);
                });
            }
            all.addAll(body);
            for (int c = 1; c <= calls; c++) {
                all.add(null); // patched below, once the callee's start is known
            }
            all.add(new Exit());
        }
        if (functions == 1) {
            return Program.of(all);
        }
        // Fix the local calls of function 0 (they sit just before its exit).
        int callSlot = starts[1] - 1 - (functions - 1);
        for (int c = 1; c < functions; c++, callSlot++) {
            all.set(callSlot, new CallLocal(starts[c] - callSlot - 1));
        }
        return Program.of(all);
    }
}
