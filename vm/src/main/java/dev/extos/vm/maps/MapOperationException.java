package dev.extos.vm.maps;

import dev.extos.isa.ExtosException;

/** A host-side map operation the map refused, with the kernel's error number (e.g. EEXIST for update with BPF_NOEXIST). */
public final class MapOperationException extends ExtosException {
    private final int errno;

    public MapOperationException(String map, String operation, int errno, String why) {
        super("map '" + map + "': " + operation + " failed with " + Errno.name(errno) + ": " + why);
        this.errno = Math.abs(errno);
    }

    /** The error number, positive (e.g. {@link Errno#EEXIST}). */
    public int errno() {
        return errno;
    }
}
