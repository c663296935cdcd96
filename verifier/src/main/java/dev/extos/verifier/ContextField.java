package dev.extos.verifier;

import java.util.Objects;

/** One field of a context structure: where it is, how big, what loading it yields, whether it may be written. */
public record ContextField(String name, int offset, int size, FieldKind kind, boolean writable) {
    public ContextField {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        if (offset < 0 || (size != 1 && size != 2 && size != 4 && size != 8)) {
            throw new IllegalArgumentException("bad context field " + name + " @" + offset + " size " + size);
        }
        if (writable && kind != FieldKind.SCALAR) {
            throw new IllegalArgumentException("only scalar context fields can be writable: " + name);
        }
    }

    /** A read-only field. */
    public static ContextField readOnly(String name, int offset, int size, FieldKind kind) {
        return new ContextField(name, offset, size, kind, false);
    }
}
