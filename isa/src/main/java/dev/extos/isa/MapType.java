package dev.extos.isa;

/** The kinds of map a program may declare, with the Linux kernel's {@code enum bpf_map_type} numbers. */
public enum MapType {
    HASH(1), ARRAY(2), PROG_ARRAY(3), PERCPU_HASH(5), PERCPU_ARRAY(6), LRU_HASH(9), QUEUE(22), STACK(23), RINGBUF(27);

    private final int id;

    MapType(int id) {
        this.id = id;
    }

    /** The kernel's number for this type ({@code BPF_MAP_TYPE_*}). */
    public int id() {
        return id;
    }

    /** The type numbered {@code id}, or null when ExtOS has no such map type. */
    public static MapType ofId(int id) {
        for (MapType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }

    /** The name the kernel and bpftool use, e.g. {@code lru_hash}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
