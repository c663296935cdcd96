package dev.extos.isa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable sequence of instructions, addressed the way the encoding addresses them: by slot
 * (8-byte unit). Every instruction occupies one slot except {@code lddw}, whose second slot holds
 * no instruction of its own. Jump offsets and "insn N" in logs refer to slots.
 */
public final class Program {
    private final List<Instruction> instructions;
    private final Instruction[] bySlot;

    private Program(List<Instruction> instructions) {
        this.instructions = List.copyOf(instructions);
        int slots = 0;
        for (Instruction i : this.instructions) {
            slots += i.slots();
        }
        this.bySlot = new Instruction[slots];
        int pc = 0;
        for (Instruction i : this.instructions) {
            bySlot[pc] = i;
            pc += i.slots();
        }
    }

    /** A program made of {@code instructions} in order. */
    public static Program of(List<Instruction> instructions) {
        Objects.requireNonNull(instructions);
        return new Program(instructions);
    }

    /** A program made of {@code instructions} in order. */
    public static Program of(Instruction... instructions) {
        return new Program(Arrays.asList(instructions));
    }

    /** Decodes raw little-endian instruction bytes; see {@link InstructionDecoder}. */
    public static Program decode(byte[] bytes) {
        return InstructionDecoder.decode(bytes);
    }

    /** The raw little-endian encoding of this program. */
    public byte[] encode() {
        return InstructionEncoder.encode(this);
    }

    /** The instructions in order (an {@code lddw} appears once). */
    public List<Instruction> instructions() {
        return instructions;
    }

    /** Length of the program in slots. */
    public int slotCount() {
        return bySlot.length;
    }

    /** The instruction starting at {@code slot}, or null for the second slot of an {@code lddw}. */
    public Instruction at(int slot) {
        return bySlot[slot];
    }

    /** True when an instruction starts at {@code slot} (a valid jump target). */
    public boolean startsAt(int slot) {
        return slot >= 0 && slot < bySlot.length && bySlot[slot] != null;
    }

    /** The slots at which instructions start, in order. */
    public int[] startSlots() {
        int[] starts = new int[instructions.size()];
        int n = 0;
        for (int pc = 0; pc < bySlot.length; pc++) {
            if (bySlot[pc] != null) {
                starts[n++] = pc;
            }
        }
        return starts;
    }

    /** A new program with {@code more} appended. */
    public Program append(List<Instruction> more) {
        List<Instruction> all = new ArrayList<>(instructions);
        all.addAll(more);
        return new Program(all);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Program p && p.instructions.equals(instructions);
    }

    @Override
    public int hashCode() {
        return instructions.hashCode();
    }

    @Override
    public String toString() {
        return "Program[" + instructions.size() + " instructions, " + bySlot.length + " slots]";
    }
}
