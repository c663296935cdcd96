package dev.extos.vm;

import java.util.Objects;

/** A function a program may call by number, as {@code call 5} calls the kernel's {@code bpf_ktime_get_ns}. */
public record Helper(int id, String name, HelperFunction function) {
    public Helper {
        if (id < 0) {
            throw new IllegalArgumentException("helper ids are not negative: " + id);
        }
        Objects.requireNonNull(name);
        Objects.requireNonNull(function);
    }
}
