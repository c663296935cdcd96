package dev.extos.linux;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import dev.extos.isa.elf.ObjectBtf;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A map in the kernel, created with BPF_MAP_CREATE: owns its file descriptor, which
 * {@link #close()} releases (the kernel frees the map once no program uses it either). Keys and
 * values are the raw bytes the program sees; for per-CPU maps a value holds one slot per
 * possible CPU, each rounded up to 8 bytes, as the kernel copies them.
 */
public final class KernelMap implements KernelHandle {
    /** Update flags: create or replace, only create, only replace. */
    public static final long BPF_ANY = 0;
    public static final long BPF_NOEXIST = 1;
    public static final long BPF_EXIST = 2;
    /** Map flag: programs may only read the map (global constants). */
    public static final int BPF_F_RDONLY_PROG = 1 << 7;

    private final FileDescriptor fd;
    private final String name;
    private final int type;
    private final int keySize;
    private final int valueSize;
    private final int maxEntries;

    private KernelMap(int fd, String name, int type, int keySize, int valueSize, int maxEntries) {
        this.fd = new FileDescriptor(fd, "kernel map '" + name + "'");
        this.name = name;
        this.type = type;
        this.keySize = keySize;
        this.valueSize = valueSize;
        this.maxEntries = maxEntries;
    }

    /** Creates the map {@code spec} describes (its initial data is the caller's to write: see {@link KernelObject}). */
    public static KernelMap create(MapSpec spec) throws KernelRejectedException {
        return create(spec.name(), spec.type().id(), spec.keySize(), spec.valueSize(), spec.maxEntries(),
                spec.flags() | (spec.readOnly() ? BPF_F_RDONLY_PROG : 0));
    }

    /**
     * Creates a map of kernel type {@code type} ({@code BPF_MAP_TYPE_*}, e.g. {@code MapType.HASH.id()})
     * named {@code name} (cut to 15 characters of [A-Za-z0-9_.]).
     */
    public static KernelMap create(String name, int type, int keySize, int valueSize, int maxEntries, int flags)
            throws KernelRejectedException {
        return create(name, type, keySize, valueSize, maxEntries, flags, 0, new ObjectBtf.MapTypes(0, 0));
    }

    /** {@link #create(MapSpec)} with its key and value typed by {@code types} of the loaded BTF {@code btfFd}. */
    static KernelMap create(MapSpec spec, int btfFd, ObjectBtf.MapTypes types) throws KernelRejectedException {
        return create(spec.name(), spec.type().id(), spec.keySize(), spec.valueSize(), spec.maxEntries(),
                spec.flags() | (spec.readOnly() ? BPF_F_RDONLY_PROG : 0), btfFd, types);
    }

    private static KernelMap create(String name, int type, int keySize, int valueSize, int maxEntries, int flags,
                                    int btfFd, ObjectBtf.MapTypes types) throws KernelRejectedException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = Bpf.attr(arena);
            attr.set(ValueLayout.JAVA_INT, 0, type);        // map_type
            attr.set(ValueLayout.JAVA_INT, 4, keySize);     // key_size
            attr.set(ValueLayout.JAVA_INT, 8, valueSize);   // value_size
            attr.set(ValueLayout.JAVA_INT, 12, maxEntries); // max_entries
            attr.set(ValueLayout.JAVA_INT, 16, flags);      // map_flags
            Bpf.putName(attr, 28, name);                    // map_name
            if (btfFd > 0) {
                attr.set(ValueLayout.JAVA_INT, 48, btfFd);                // btf_fd
                attr.set(ValueLayout.JAVA_INT, 52, types.keyTypeId());    // btf_key_type_id
                attr.set(ValueLayout.JAVA_INT, 56, types.valueTypeId());  // btf_value_type_id
            }
            int fd = (int) Bpf.command(Bpf.BPF_MAP_CREATE, attr);
            return new KernelMap(fd, name, type, keySize, valueSize, maxEntries);
        }
    }

    /** Takes ownership of {@code fd}, an open map (from an id or a pin), describing it from the kernel's info. */
    static KernelMap adopt(int fd) throws KernelRejectedException {
        try {
            MapInfo info = ObjectInfo.map(fd);
            return new KernelMap(fd, info.name(), info.type(), info.keySize(), info.valueSize(), info.maxEntries());
        } catch (RuntimeException e) {
            Bpf.closeFd(fd);
            throw e;
        }
    }

    @Override
    public int id() throws KernelRejectedException {
        return info().id();
    }

    /** The map's file descriptor; valid until {@link #close()}. */
    public int fd() {
        return fd.get();
    }

    /** The name it was created with (the kernel keeps at most 15 characters of it). */
    public String name() {
        return name;
    }

    /** The kernel's map type number. */
    public int type() {
        return type;
    }

    public int keySize() {
        return keySize;
    }

    public int valueSize() {
        return valueSize;
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** Bytes of a value as lookups return it: {@link #valueSize()}, or one 8-byte-aligned slot per possible CPU for per-CPU maps. */
    public int valueBytes() {
        boolean perCpu = type == MapType.PERCPU_ARRAY.id() || type == MapType.PERCPU_HASH.id();
        return perCpu ? ((valueSize + 7) & ~7) * PossibleCpus.COUNT : valueSize;
    }

    /** The value under {@code key}, or empty when there is none (ENOENT). */
    public Optional<byte[]> lookup(byte[] key) {
        checkKey(key);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(Math.max(1, valueBytes()), 8);
            MemorySegment attr = elementAttr(arena, key);
            attr.set(ValueLayout.JAVA_LONG, 16, value.address());
            long r = Bpf.invoke(Bpf.BPF_MAP_LOOKUP_ELEM, attr);
            if (r == -Errno.ENOENT) {
                return Optional.empty();
            }
            check(Bpf.BPF_MAP_LOOKUP_ELEM, r, "");
            return Optional.of(value.asSlice(0, valueBytes()).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** Stores {@code value} under {@code key}; {@code flags} is {@link #BPF_ANY}, {@link #BPF_NOEXIST} or {@link #BPF_EXIST}. */
    public void update(byte[] key, byte[] value, long flags) {
        checkKey(key);
        if (value.length != valueBytes()) {
            throw new IllegalArgumentException("kernel map '" + name + "' has " + valueBytes() + "-byte values, not " + value.length);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocateFrom(ValueLayout.JAVA_BYTE, value.length == 0 ? new byte[1] : value);
            MemorySegment attr = elementAttr(arena, key);
            attr.set(ValueLayout.JAVA_LONG, 16, v.address());
            attr.set(ValueLayout.JAVA_LONG, 24, flags);
            check(Bpf.BPF_MAP_UPDATE_ELEM, Bpf.invoke(Bpf.BPF_MAP_UPDATE_ELEM, attr), switch ((int) flags) {
                case 1 -> "NOEXIST: the key may not be present";
                case 2 -> "EXIST: the key must be present";
                default -> "";
            });
        }
    }

    /** Deletes {@code key}; false when it was not there. Arrays cannot delete (EINVAL). */
    public boolean delete(byte[] key) {
        checkKey(key);
        try (Arena arena = Arena.ofConfined()) {
            long r = Bpf.invoke(Bpf.BPF_MAP_DELETE_ELEM, elementAttr(arena, key));
            if (r == -Errno.ENOENT) {
                return false;
            }
            check(Bpf.BPF_MAP_DELETE_ELEM, r, "");
            return true;
        }
    }

    /** The key after {@code key} in the kernel's order, the first key when {@code key} is null, or empty after the last. */
    public Optional<byte[]> nextKey(byte[] key) {
        if (key != null) {
            checkKey(key);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment next = arena.allocate(Math.max(1, keySize), 8);
            MemorySegment attr = key == null ? Bpf.attr(arena) : elementAttr(arena, key);
            attr.set(ValueLayout.JAVA_INT, 0, fd());
            attr.set(ValueLayout.JAVA_LONG, 16, next.address()); // next_key
            long r = Bpf.invoke(Bpf.BPF_MAP_GET_NEXT_KEY, attr);
            if (r == -Errno.ENOENT) {
                return Optional.empty();
            }
            check(Bpf.BPF_MAP_GET_NEXT_KEY, r, "");
            return Optional.of(next.asSlice(0, keySize).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** Every key, walked with {@link #nextKey} (entries deleted meanwhile may make the walk restart, as in the kernel). */
    public List<byte[]> keys() {
        List<byte[]> all = new ArrayList<>();
        for (Optional<byte[]> k = nextKey(null); k.isPresent() && all.size() <= maxEntries; k = nextKey(k.get())) {
            all.add(k.get());
        }
        return all;
    }

    /** Makes the map read-only for user space from now on (BPF_MAP_FREEZE); programs keep their access. */
    public void freeze() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = Bpf.attr(arena);
            attr.set(ValueLayout.JAVA_INT, 0, fd());
            check(Bpf.BPF_MAP_FREEZE, Bpf.invoke(Bpf.BPF_MAP_FREEZE, attr), "");
        }
    }

    /** The kernel's description of the map. */
    public MapInfo info() throws KernelRejectedException {
        return ObjectInfo.map(fd());
    }

    private MemorySegment elementAttr(Arena arena, byte[] key) {
        MemorySegment k = arena.allocateFrom(ValueLayout.JAVA_BYTE, key.length == 0 ? new byte[1] : key);
        MemorySegment attr = Bpf.attr(arena);
        attr.set(ValueLayout.JAVA_INT, 0, fd());                       // map_fd
        attr.set(ValueLayout.JAVA_LONG, 8, key.length == 0 ? 0 : k.address()); // key
        return attr;
    }

    private void checkKey(byte[] key) {
        if (key.length != keySize) {
            throw new IllegalArgumentException("kernel map '" + name + "' has " + keySize + "-byte keys, not " + key.length);
        }
    }

    private void check(int command, long r, String why) {
        if (r < 0) {
            throw new KernelMapException(name, command, (int) -r, why);
        }
    }

    /** True once closed. */
    public boolean isClosed() {
        return fd.isClosed();
    }

    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "KernelMap[" + name + ", fd=" + fd.number() + ", type=" + type + (isClosed() ? ", closed" : "") + "]";
    }

    /** The number of possible CPUs, which sizes per-CPU values. */
    private static final class PossibleCpus {
        static final int COUNT = read();

        private static int read() {
            try {
                // e.g. "0-7" or "0,2-3"
                int n = 0;
                for (String part : Files.readString(Path.of("/sys/devices/system/cpu/possible")).strip().split(",")) {
                    String[] r = part.split("-");
                    n += r.length == 1 ? 1 : Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1;
                }
                return n;
            } catch (IOException | RuntimeException e) {
                return Runtime.getRuntime().availableProcessors();
            }
        }
    }
}
