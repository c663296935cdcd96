package dev.extos.isa.elf;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which C source line each instruction of a linked program came from. A record covers its slot
 * and every slot after it up to the next record, as in the kernel's line info.
 */
public final class LineInfo {
    private static final LineInfo EMPTY = new LineInfo(new TreeMap<>());

    private final int[] slots;
    private final SourceLine[] lines;

    private LineInfo(TreeMap<Integer, SourceLine> bySlot) {
        this.slots = bySlot.keySet().stream().mapToInt(Integer::intValue).toArray();
        this.lines = bySlot.values().toArray(SourceLine[]::new);
    }

    /** Line info for a program whose object had none (no {@code .BTF.ext}, or compiled without -g). */
    public static LineInfo empty() {
        return EMPTY;
    }

    /** Line info from records keyed by the slot each one starts at. */
    public static LineInfo of(Map<Integer, SourceLine> bySlot) {
        return bySlot.isEmpty() ? EMPTY : new LineInfo(new TreeMap<>(bySlot));
    }

    /** The source line of the instruction at {@code slot}: the last record at or before it. */
    public Optional<SourceLine> at(int slot) {
        int i = Arrays.binarySearch(slots, slot);
        if (i < 0) {
            i = -i - 2;
        }
        return i < 0 ? Optional.empty() : Optional.of(lines[i]);
    }

    /** The records as a sorted slot -> line map. */
    public Map<Integer, SourceLine> records() {
        TreeMap<Integer, SourceLine> out = new TreeMap<>();
        for (int i = 0; i < slots.length; i++) {
            out.put(slots[i], lines[i]);
        }
        return out;
    }

    /** True when no instruction has a recorded line. */
    public boolean isEmpty() {
        return slots.length == 0;
    }

    @Override
    public String toString() {
        return "LineInfo[" + slots.length + " records]";
    }
}
