package dev.extos.vm.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.HelperTable;
import dev.extos.vm.interp.Interpreter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unsigned jumps are compiled as signed compares guarded by sign tests; every sign combination,
 * on 64 and 32 bits, with register and immediate operands, must decide as the interpreter does.
 */
class UnsignedJumpTest {
    private static final long[] VALUES = {0, 1, 2, -1, -2, Long.MIN_VALUE, Long.MAX_VALUE, 0x7fffffffL, 0x80000000L,
            0xffffffffL, 0x1_0000_0000L, 0xffff_ffff_8000_0000L};
    private static final int[] IMMEDIATES = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};

    @Test
    void everySignCombinationDecidesAsTheInterpreterDoes() {
        List<String> differences = new ArrayList<>();
        int cases = 0;
        for (String op : new String[] {"jgt", "jge", "jlt", "jle"}) {
            for (String width : new String[] {"", "32"}) {
                List<String> sources = new ArrayList<>(List.of("%r2"));
                for (int imm : IMMEDIATES) {
                    sources.add(Integer.toString(imm));
                }
                for (String src : sources) {
                    Program p = Assembler.assemble("mov %r0, 1\n" + op + width + " %r1, " + src + ", +1\nmov %r0, 0\nexit\n");
                    var jit = new JitCompiler().load(p, HelperTable.standard());
                    var interp = new Interpreter().load(p, HelperTable.standard());
                    for (long a : VALUES) {
                        for (long b : VALUES) {
                            cases++;
                            long expected = interp.run(new AddressSpace(), a, b);
                            long actual = jit.run(new AddressSpace(), a, b);
                            if (expected != actual) {
                                differences.add(op + width + " " + a + ", " + (src.equals("%r2") ? Long.toString(b) : src));
                            }
                        }
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(4 * 2 * 6 * VALUES.length * VALUES.length);
        assertThat(differences).isEmpty();
    }
}
