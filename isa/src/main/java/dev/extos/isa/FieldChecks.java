package dev.extos.isa;

/** Range checks shared by the instruction records. */
final class FieldChecks {
    private FieldChecks() {
    }

    static void offset16(int offset) {
        if (offset < Short.MIN_VALUE || offset > Short.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " does not fit in 16 signed bits");
        }
    }
}
