package dev.extos.vm.maps;

import dev.extos.isa.MapSpec;
import dev.extos.vm.Executable;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The kernel's program array, the table {@code tail_call} jumps through: u32 index to a loaded
 * program. The host fills it; programs only call through it. A program placed here runs in the
 * caller's address space with the caller's maps installed, so it must have been loaded with the
 * same map list (as the programs of one ELF object are).
 *
 * <p>Guarantees: set and clear are atomic; a tail call runs the program present when it looks the
 * slot up (the kernel's RCU semantics, without a grace period).
 */
public final class ProgramArray extends BpfMap {
    private final AtomicReferenceArray<Executable> programs;

    ProgramArray(MapSpec spec, MapAccount account) {
        if (spec.keySize() != 4 || spec.valueSize() != 4) {
            throw new MapOperationException(spec.name(), "create", Errno.EINVAL, "a program array has 4-byte keys and values (got "
                    + spec.keySize() + " and " + spec.valueSize() + ")");
        }
        super(spec, account, 0, spec.maxEntries() * 8L);
        this.programs = new AtomicReferenceArray<>(spec.maxEntries());
    }

    /** Puts {@code program} at {@code index}, replacing any program there. */
    public void set(int index, Executable program) {
        checkIndex(index);
        programs.set(index, java.util.Objects.requireNonNull(program));
    }

    /** Empties slot {@code index}; false when it was empty. */
    public boolean clear(int index) {
        checkIndex(index);
        return programs.getAndSet(index, null) != null;
    }

    /** The program at {@code index}, or null when the slot is empty or the index outside the array. */
    public Executable get(long index) {
        return index >= 0 && index < programs.length() ? programs.get((int) index) : null;
    }

    /** Number of slots holding a program now. */
    public int occupied() {
        int n = 0;
        for (int i = 0; i < programs.length(); i++) {
            if (programs.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= programs.length()) {
            throw new MapOperationException(name(), "set", Errno.E2BIG, "index " + index + " is outside 0.." + (programs.length() - 1));
        }
    }
}
