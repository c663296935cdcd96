package dev.extos.isa;

import java.util.Arrays;
import java.util.Objects;

/**
 * A map a program declares: what the ELF object (BTF {@code .maps}, legacy {@code maps}, or a
 * global-data section) says it is. A program refers to its maps by index in its list: after
 * loading, {@code lddw rX, map_fd i} is the handle of map i and {@code lddw rX, map_value i+off}
 * the address {@code off} bytes into map i's first value (how globals are reached).
 *
 * @param name        the symbol (or section, for globals: {@code .rodata}, {@code .data}, {@code .bss})
 * @param initialData the first value's initial bytes for global-data maps (empty otherwise)
 * @param readOnly    true when the program may not write the values ({@code .rodata})
 */
public record MapSpec(String name, MapType type, int keySize, int valueSize, int maxEntries, int flags,
                      byte[] initialData, boolean readOnly) {
    public MapSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        initialData = initialData.clone();
        if (keySize < 0 || valueSize < 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("map " + name + ": key size " + keySize + ", value size " + valueSize
                    + " and max entries " + maxEntries + " must be non-negative (max entries positive)");
        }
        if (initialData.length > valueSize) {
            throw new IllegalArgumentException("map " + name + ": " + initialData.length + " bytes of initial data for a "
                    + valueSize + "-byte value");
        }
    }

    /** A map with no initial data that the program may write. */
    public static MapSpec of(String name, MapType type, int keySize, int valueSize, int maxEntries) {
        return new MapSpec(name, type, keySize, valueSize, maxEntries, 0, new byte[0], false);
    }

    /** A global-data map: one array entry of {@code size} bytes starting with {@code data}. */
    public static MapSpec global(String section, int size, byte[] data, boolean readOnly) {
        return new MapSpec(section, MapType.ARRAY, 4, size, 1, 0, data, readOnly);
    }

    @Override
    public byte[] initialData() {
        return initialData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapSpec m && name.equals(m.name) && type == m.type && keySize == m.keySize
                && valueSize == m.valueSize && maxEntries == m.maxEntries && flags == m.flags
                && Arrays.equals(initialData, m.initialData) && readOnly == m.readOnly;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, keySize, valueSize, maxEntries, flags, Arrays.hashCode(initialData), readOnly);
    }

    @Override
    public String toString() {
        return name + ": " + type.label() + " key " + keySize + " value " + valueSize + " max " + maxEntries
                + (flags != 0 ? " flags 0x" + Integer.toHexString(flags) : "") + (readOnly ? " read-only" : "")
                + (initialData.length > 0 ? " (" + initialData.length + " bytes initialised)" : "");
    }
}
