package dev.extos.vm;

/** The implementation of a helper: receives r1-r5 and the caller's address space, returns r0. */
@FunctionalInterface
public interface HelperFunction {
    long call(AddressSpace memory, long r1, long r2, long r3, long r4, long r5);
}
