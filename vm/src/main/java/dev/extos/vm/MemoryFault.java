package dev.extos.vm;

import dev.extos.isa.ExtosException;

/**
 * An access the address space refused; engines turn it into an {@link ExecutionFault} naming the
 * instruction. Helpers may throw it too when a program hands them a bad pointer.
 */
public final class MemoryFault extends ExtosException {
    public MemoryFault(String message) {
        super(message);
    }
}
