package dev.extos.io.internal;

import dev.extos.verifier.ContextField;
import dev.extos.verifier.FieldKind;
import dev.extos.verifier.ProgramType;

/**
 * Where the host puts a hook's context values. The C structs hold 32-bit pointer fields, but
 * addresses in the program's memory are 64-bit (region << 32 | offset), so each pointer field
 * gets a 64-bit shadow slot after the struct, and {@link ContextRewrite} turns the program's
 * 4-byte loads of pointer fields into 8-byte loads of their shadows. Scalar fields stay where the struct puts them.
 */
record ContextLayout(ProgramType type) {
    /** Bytes of the context segment: the struct, then one 8-byte shadow per pointer field. */
    int size() {
        int pointers = 0;
        for (ContextField f : type.context()) {
            pointers += f.kind() == FieldKind.SCALAR ? 0 : 1;
        }
        return type.contextSize() + 8 * pointers;
    }

    /** The offset of the 64-bit shadow of the pointer field {@code name}. */
    int shadow(String name) {
        int i = 0;
        for (ContextField f : type.context()) {
            if (f.kind() != FieldKind.SCALAR) {
                if (f.name().equals(name)) {
                    return type.contextSize() + 8 * i;
                }
                i++;
            }
        }
        throw new IllegalArgumentException(type.name() + " has no pointer field " + name);
    }

    /** The offset of the scalar field {@code name}. */
    int field(String name) {
        for (ContextField f : type.context()) {
            if (f.name().equals(name)) {
                return f.offset();
            }
        }
        throw new IllegalArgumentException(type.name() + " has no field " + name);
    }
}
