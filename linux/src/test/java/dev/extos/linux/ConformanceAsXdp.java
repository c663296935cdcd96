package dev.extos.linux;

import dev.extos.isa.AluOp;
import dev.extos.isa.Imm;
import dev.extos.isa.Instruction;
import dev.extos.isa.JumpCondition;
import dev.extos.isa.Program;
import dev.extos.isa.Reg;
import dev.extos.isa.Size;
import dev.extos.isa.Width;
import java.util.ArrayList;
import java.util.List;

/**
 * A conformance case made into an XDP program the kernel can run with PROG_TEST_RUN: a prologue
 * establishes the suite's calling convention (r1 = the case's memory, here the start of the
 * packet after a bounds check the kernel can follow, r2 = its length, r0 = 0; without memory
 * r1 = r2 = 0), then the case's instructions unchanged. The kernel returns only the low 32 bits
 * of r0, so the {@link #highHalf} variant routes every exit of the main function through
 * {@code rsh r0, 32} to compare the upper half too.
 */
final class ConformanceAsXdp {
    /** What the prologue returns if the packet is shorter than the memory (never, with {@link #packet}). */
    static final int SHORT_PACKET = 0xbad;
    /** The kernel refuses test runs on less than an Ethernet header. */
    static final int MIN_PACKET = 14;

    private ConformanceAsXdp() {
    }

    /** The packet for a case: its memory, zero-padded to an Ethernet header's length. */
    static byte[] packet(byte[] memory) {
        byte[] p = new byte[Math.max(MIN_PACKET, memory.length)];
        System.arraycopy(memory, 0, p, 0, memory.length);
        return p;
    }

    /** The case as XDP, returning r0 (of which the kernel keeps the low 32 bits). */
    static Program lowHalf(Program body, byte[] memory) {
        List<Instruction> all = prologue(memory);
        all.addAll(body.instructions());
        return Program.of(all);
    }

    /** The case as XDP, returning r0 >> 32 from every exit of the main function. */
    static Program highHalf(Program body, byte[] memory) {
        List<Instruction> all = prologue(memory);
        all.add(new Instruction.Goto(2, false));
        all.add(new Instruction.Alu(Width.W64, AluOp.RSH, Reg.R0, new Imm(32)));
        all.add(new Instruction.Exit());
        int mainEnd = firstSubprogram(body);
        for (int slot : body.startSlots()) {
            Instruction i = body.at(slot);
            // the rsh sits 2 slots before the body; a jump at body slot s lands at s + 1 + offset
            all.add(i instanceof Instruction.Exit && slot < mainEnd ? new Instruction.Goto(-(slot + 3), false) : i);
        }
        return Program.of(all);
    }

    /** The first slot of a bpf-to-bpf subprogram, or the program's length when there is none. */
    private static int firstSubprogram(Program p) {
        int first = p.slotCount();
        for (int slot : p.startSlots()) {
            if (p.at(slot) instanceof Instruction.CallLocal c) {
                first = Math.min(first, slot + 1 + c.offset());
            }
        }
        return first;
    }

    private static List<Instruction> prologue(byte[] memory) {
        List<Instruction> p = new ArrayList<>();
        if (memory.length == 0) {
            p.add(mov(Reg.R1, 0));
            p.add(mov(Reg.R2, 0));
        } else {
            int n = memory.length;
            p.add(new Instruction.Load(Size.W, false, Reg.R2, Reg.R1, 4));  // data_end
            p.add(new Instruction.Load(Size.W, false, Reg.R1, Reg.R1, 0));  // data
            p.add(new Instruction.Alu(Width.W64, AluOp.MOV, Reg.R0, Reg.R1));
            p.add(new Instruction.Alu(Width.W64, AluOp.ADD, Reg.R0, new Imm(n)));
            p.add(new Instruction.Jump(Width.W64, JumpCondition.LE, Reg.R0, Reg.R2, 2));
            p.add(mov(Reg.R0, SHORT_PACKET));
            p.add(new Instruction.Exit());
            p.add(mov(Reg.R2, n));
        }
        p.add(mov(Reg.R0, 0));
        return p;
    }

    private static Instruction mov(Reg dst, int value) {
        return new Instruction.Alu(Width.W64, AluOp.MOV, dst, new Imm(value));
    }
}
