package dev.extos.isa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.extos.isa.Instruction.*;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Programs address instructions by 8-byte slot, with lddw taking two. */
class ProgramTest {
    private static final Instruction MOV = new Alu(Width.W64, AluOp.MOV, Reg.R0, new Imm(1));
    private static final Instruction LDDW = LoadImm64.constant(Reg.R1, 7);

    @Test
    void addressesInstructionsBySlot() {
        Program p = Program.of(MOV, LDDW, new Exit());
        assertThat(p.slotCount()).isEqualTo(4);
        assertThat(p.instructions()).containsExactly(MOV, LDDW, new Exit());
        assertThat(p.startSlots()).containsExactly(0, 1, 3);
        assertThat(p.at(1)).isEqualTo(LDDW);
        assertThat(p.at(2)).isNull();
        assertThat(p.at(3)).isEqualTo(new Exit());
        assertThat(p.startsAt(2)).isFalse();
        assertThat(p.startsAt(3)).isTrue();
        assertThat(p.startsAt(-1)).isFalse();
        assertThat(p.startsAt(4)).isFalse();
        assertThat(p.encode()).hasSize(32);
    }

    @Test
    void appendsAndComparesByInstructions() {
        Program p = Program.of(MOV).append(List.of(LDDW, new Exit()));
        assertThat(p).isEqualTo(Program.of(List.of(MOV, LDDW, new Exit())));
        assertThat(p.hashCode()).isEqualTo(Program.of(MOV, LDDW, new Exit()).hashCode());
        assertThat(p).isNotEqualTo(Program.of(MOV, new Exit()));
        assertThat(p.toString()).isEqualTo("Program[3 instructions, 4 slots]");
    }

    @Test
    void isNotChangedByLaterChangesToItsSourceList() {
        List<Instruction> source = new java.util.ArrayList<>(List.of(MOV, new Exit()));
        Program p = Program.of(source);
        source.add(LDDW);
        assertThat(p.instructions()).containsExactly(MOV, new Exit());
        assertThat(p.slotCount()).isEqualTo(2);
    }
}
