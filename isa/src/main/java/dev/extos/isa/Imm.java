package dev.extos.isa;

/** A signed 32-bit immediate operand; the instruction decides how it is extended. */
public record Imm(int value) implements Operand {
    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
