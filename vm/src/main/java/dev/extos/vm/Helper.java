package dev.extos.vm;

import dev.extos.verifier.HelperPrototype;
import dev.extos.verifier.HelperPrototype.Argument;
import dev.extos.verifier.HelperPrototype.Result;
import java.util.Collections;
import java.util.Objects;

/**
 * A function a program may call by number, declared once: its prototype (what the verifier
 * checks, from {@link dev.extos.verifier.HelperCatalog} for the standard ones) and its
 * implementation (what both engines call).
 */
public record Helper(HelperPrototype prototype, HelperFunction function) {
    public Helper {
        Objects.requireNonNull(prototype);
        Objects.requireNonNull(function);
        if (prototype.id() < 0) {
            throw new IllegalArgumentException("helper ids are not negative: " + prototype.id());
        }
    }

    /** A host's own helper: declared as taking five scalars and returning a 64-bit scalar. */
    public Helper(int id, String name, HelperFunction function) {
        this(new HelperPrototype(id, name, Collections.nCopies(5, Argument.SCALAR), Result.U64), function);
    }

    /** The number programs call it by. */
    public int id() {
        return prototype.id();
    }

    /** Its name, as the kernel's headers spell it without the {@code bpf_} prefix. */
    public String name() {
        return prototype.name();
    }
}
