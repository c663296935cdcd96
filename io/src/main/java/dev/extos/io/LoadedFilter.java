package dev.extos.io;

import dev.extos.isa.MapSpec;
import dev.extos.vm.maps.BpfMap;
import java.util.List;
import java.util.Optional;

/**
 * A program a {@link Domain} verified and compiled for one hook, ready to pass to
 * {@link ExtFile} calls. It is a handle: the domain that loaded it runs it, so it says nothing
 * about where the code lives (this process, the daemon, the kernel). Safe to share between threads.
 */
public interface LoadedFilter {
    /** The name it was loaded under (file name or the caller's label), used in errors. */
    String name();

    /** The hook it was verified for. */
    Hook hook();

    /** Its length in instructions. */
    int instructionCount();

    /** The maps it declares (map i is {@code maps().get(i)}). */
    List<MapSpec> maps();

    /**
     * Its map called {@code name}, to read what the filter aggregated (or to seed a lookup table)
     * from the application; every run of this filter in its domain shares it.
     */
    Optional<BpfMap> map(String name);

    /** Time the verifier took, in nanoseconds. */
    long verificationNanos();
}
