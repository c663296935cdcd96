package dev.extos.vm.maps;

/** The flags of {@code map_update_elem} and {@code map_push_elem}, with the kernel's values. */
public final class UpdateFlags {
    private UpdateFlags() {
    }

    /** Create the entry or replace its value. */
    public static final long BPF_ANY = 0;
    /** Create the entry only if the key is absent (else EEXIST). */
    public static final long BPF_NOEXIST = 1;
    /** Replace the value only if the key is present (else ENOENT); for push, overwrite the oldest value when full. */
    public static final long BPF_EXIST = 2;
}
