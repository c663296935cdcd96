package dev.extos.vm.maps;

import dev.extos.isa.MapSpec;
import dev.extos.vm.AddressSpace;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The maps of one program, in the order of its map list: map i is what {@code lddw rX, map_fd i}
 * refers to. {@link #install} makes them visible to a run: map i's slab becomes region
 * {@code AddressSpace.FIRST_MAP_REGION + i} (so its handle is that region's base) and the
 * address space carries this object for the helpers. The same maps may be installed in any
 * number of address spaces (one per thread) at once.
 */
public final class ProgramMaps implements AutoCloseable {
    private final List<BpfMap> maps;

    private ProgramMaps(List<BpfMap> maps) {
        if (maps.size() > AddressSpace.MAX_MAPS) {
            throw new IllegalArgumentException(maps.size() + " maps, a program may use at most " + AddressSpace.MAX_MAPS);
        }
        this.maps = List.copyOf(maps);
    }

    /**
     * Creates the maps {@code specs} describe, charging them to {@code account}; global-data maps
     * get their initial bytes. If one cannot be created, those already created are closed.
     */
    public static ProgramMaps create(List<MapSpec> specs, MapAccount account) {
        if (specs.size() > AddressSpace.MAX_MAPS) {
            throw new IllegalArgumentException(specs.size() + " maps, a program may use at most " + AddressSpace.MAX_MAPS);
        }
        List<BpfMap> made = new ArrayList<>();
        try {
            for (MapSpec spec : specs) {
                made.add(BpfMap.create(spec, account));
            }
        } catch (RuntimeException e) {
            made.forEach(BpfMap::close);
            throw e;
        }
        return new ProgramMaps(made);
    }

    /** A program's map list made of existing maps, e.g. to let two programs share maps. */
    public static ProgramMaps of(List<BpfMap> maps) {
        return new ProgramMaps(maps);
    }

    /**
     * Maps every map's values into {@code space} (map i at region FIRST_MAP_REGION + i) and attaches
     * this list for helpers. Regions of a longer list installed before are emptied, so a reused
     * address space never exposes another program's maps.
     */
    public void install(AddressSpace space) {
        ProgramMaps before = installedIn(space);
        for (int i = maps.size(); before != null && i < before.size(); i++) {
            space.mapMapValues(i, "no map " + i, MemorySegment.NULL, false);
        }
        for (int i = 0; i < maps.size(); i++) {
            BpfMap m = maps.get(i);
            space.mapMapValues(i, "map " + m.name(), m.slab, m.programWritable());
        }
        space.attach(ProgramMaps.class, this);
    }

    /** The maps installed in {@code space}, or null when none are. */
    public static ProgramMaps installedIn(AddressSpace space) {
        return space.attachment(ProgramMaps.class);
    }

    /** The handle of map {@code index}: the value {@code lddw rX, map_fd index} loads. */
    public static long handle(int index) {
        return AddressSpace.base(AddressSpace.FIRST_MAP_REGION + index);
    }

    /** The map whose handle (or any address in whose region) is {@code address}, or null. */
    BpfMap byAddress(long address) {
        long i = (address >>> AddressSpace.REGION_SHIFT) - AddressSpace.FIRST_MAP_REGION;
        return i >= 0 && i < maps.size() ? maps.get((int) i) : null;
    }

    /** Number of maps. */
    public int size() {
        return maps.size();
    }

    /** Map {@code index}. */
    public BpfMap get(int index) {
        return maps.get(index);
    }

    /** Map {@code index} as the map class {@code type} (e.g. {@code RingBuffer.class}); throws if it is another kind. */
    public <T extends BpfMap> T get(int index, Class<T> type) {
        BpfMap m = maps.get(index);
        if (!type.isInstance(m)) {
            throw new IllegalArgumentException("map " + index + " ('" + m.name() + "') is a map of type " + m.type().label() + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(m);
    }

    /** The first map named {@code name}. */
    public Optional<BpfMap> byName(String name) {
        return maps.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** All maps, in order. */
    public List<BpfMap> all() {
        return maps;
    }

    /**
     * A readable listing of every map and up to {@code maxEntries} of its entries as hex key and
     * value (queues, stacks, ring buffers and program arrays list only their state), for
     * {@code extos maps} and logs.
     */
    public String describe(int maxEntries) {
        StringBuilder out = new StringBuilder();
        java.util.HexFormat hex = java.util.HexFormat.of();
        for (int i = 0; i < maps.size(); i++) {
            BpfMap m = maps.get(i);
            out.append("map ").append(i).append(' ').append(m).append('\n');
            switch (m) {
                case QueueMap q -> out.append("  ").append(q.size()).append(" values\n");
                case RingBuffer r -> out.append("  ").append(r.pending()).append(" bytes not yet consumed\n");
                case ProgramArray p -> out.append("  ").append(p.occupied()).append(" programs\n");
                case ArrayMap a -> entries(out, hex, a, maxEntries);
                case HashTable h -> entries(out, hex, h, maxEntries);
            }
        }
        return out.toString();
    }

    private static void entries(StringBuilder out, java.util.HexFormat hex, BpfMap m, int maxEntries) {
        List<byte[]> keys = m.keys();
        int shown = 0;
        for (byte[] k : keys) {
            if (shown == maxEntries) {
                out.append("  ... ").append(keys.size() - shown).append(" more\n");
                break;
            }
            m.lookup(k).ifPresent(v -> out.append("  ").append(hex.formatHex(k)).append(": ").append(hex.formatHex(v)).append('\n'));
            shown++;
        }
    }

    /** Closes every map, giving its memory back to its account. */
    @Override
    public void close() {
        maps.forEach(BpfMap::close);
    }
}
