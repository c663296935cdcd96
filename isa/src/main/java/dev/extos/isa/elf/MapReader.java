package dev.extos.isa.elf;

import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import dev.extos.isa.elf.ElfFile.Section;
import dev.extos.isa.elf.ElfFile.Symbol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an object's maps in a fixed order: the BTF-defined maps of {@code .maps} by offset, then
 * the legacy {@code maps} definitions by offset, then one array map per global-data section
 * ({@code .rodata*}, {@code .data*}, {@code .bss*}) in section order.
 */
final class MapReader {
    private static final String BTF_MAPS = ".maps";
    private static final String LEGACY_MAPS = "maps";
    private static final int LEGACY_MIN_SIZE = 16;

    private final ElfFile elf;
    private final Btf btf;
    private final List<MapSpec> maps = new ArrayList<>();
    private final Map<Integer, Map<Long, Integer>> definitions = new HashMap<>();
    private final Map<Integer, Integer> globals = new LinkedHashMap<>();
    private final Map<String, ObjectBtf.MapTypes> btfTypes = new HashMap<>();

    private MapReader(ElfFile elf, Btf btf) {
        this.elf = elf;
        this.btf = btf;
    }

    static ObjectMaps read(ElfFile elf, Btf btf) {
        MapReader r = new MapReader(elf, btf);
        Section btfMaps = elf.section(BTF_MAPS);
        if (btfMaps != null) {
            r.readBtfMaps(btfMaps);
        }
        Section legacy = elf.section(LEGACY_MAPS);
        if (legacy != null) {
            r.readLegacyMaps(legacy);
        }
        for (Section s : elf.sections) {
            if (isGlobalData(s)) {
                r.readGlobal(s);
            }
        }
        return new ObjectMaps(List.copyOf(r.maps), Map.copyOf(r.definitions), Map.copyOf(r.globals), Map.copyOf(r.btfTypes));
    }

    static boolean isGlobalData(Section s) {
        if (s.executable() || (s.type() != ElfFile.SHT_PROGBITS && s.type() != ElfFile.SHT_NOBITS)) {
            return false;
        }
        String n = s.name();
        return n.equals(".rodata") || n.equals(".data") || n.equals(".bss")
                || n.startsWith(".rodata.") || n.startsWith(".data.") || n.startsWith(".bss.");
    }

    private void define(Section s, long offset, MapSpec spec) {
        definitions.computeIfAbsent(s.index(), k -> new HashMap<>()).put(offset, maps.size());
        maps.add(spec);
    }

    private void readBtfMaps(Section section) {
        if (btf == null) {
            throw elf.error(section, 0, "maps are declared in .maps but the object has no .BTF section to describe them"
                    + " (compile with -g)");
        }
        Btf.Type datasec = btf.datasec(BTF_MAPS);
        if (datasec == null) {
            throw elf.error(section, 0, "the BTF has no DATASEC for .maps, so the map definitions cannot be read");
        }
        for (Symbol symbol : elf.symbolsIn(section.index(), ElfFile.STT_OBJECT)) {
            Btf.Type variable = null;
            for (Btf.Member m : datasec.members()) {
                Btf.Type v = btf.type(m.type(), "the .maps DATASEC");
                if (v.kind() == Btf.VAR && v.name().equals(symbol.name())) {
                    variable = v;
                }
            }
            if (variable == null) {
                throw elf.error(section, symbol.value(), "map " + symbol.name() + " has no variable in the BTF .maps DATASEC");
            }
            define(section, symbol.value(), btfMap(section, symbol, variable));
        }
    }

    private MapSpec btfMap(Section section, Symbol symbol, Btf.Type variable) {
        String name = symbol.name();
        String context = "map " + name;
        Btf.Type def = btf.resolve(variable.sizeOrType(), context);
        if (def.kind() != Btf.STRUCT) {
            throw elf.error(section, symbol.value(), context + " is not a struct in BTF (kind " + def.kind() + ")");
        }
        long type = -1, maxEntries = -1, flags = 0, keySize = -1, valueSize = -1;
        int keyType = 0, valueType = 0;
        for (Btf.Member m : def.members()) {
            String field = context + " field " + m.name();
            switch (m.name()) {
                case "type" -> type = btfInteger(m, field);
                case "max_entries" -> maxEntries = btfInteger(m, field);
                case "map_flags" -> flags = btfInteger(m, field);
                case "key_size" -> keySize = agree(section, symbol, "key", keySize, btfInteger(m, field));
                case "value_size" -> valueSize = agree(section, symbol, "value", valueSize, btfInteger(m, field));
                case "key" -> {
                    keyType = pointee(m, field);
                    keySize = agree(section, symbol, "key", keySize, btf.sizeOf(keyType, field));
                }
                case "value" -> {
                    valueType = pointee(m, field);
                    valueSize = agree(section, symbol, "value", valueSize, btf.sizeOf(valueType, field));
                }
                case "pinning", "numa_node", "map_extra" -> btfInteger(m, field);
                default -> throw elf.error(section, symbol.value(), context + ": the map definition field '" + m.name()
                        + "' is not supported (type, max_entries, map_flags, key, value, key_size, value_size)");
            }
        }
        if (type < 0) {
            throw elf.error(section, symbol.value(), context + " does not say its type (__uint(type, ...))");
        }
        if (keyType != 0 || valueType != 0) {
            btfTypes.put(name, new ObjectBtf.MapTypes(keyType, valueType));
        }
        return spec(section, symbol, type, Math.max(keySize, 0), Math.max(valueSize, 0), maxEntries, flags);
    }

    private long agree(Section section, Symbol symbol, String what, long before, long now) {
        if (before >= 0 && before != now) {
            throw elf.error(section, symbol.value(), "map " + symbol.name() + " gives two different " + what + " sizes: "
                    + before + " and " + now);
        }
        return now;
    }

    /** libbpf's encoding of an integer in a map definition: {@code int (*name)[value]}. */
    private long btfInteger(Btf.Member m, String context) {
        Btf.Type array = btf.resolve(pointee(m, context), context);
        if (array.kind() != Btf.ARRAY) {
            throw btf.error(array, context + " is not an __uint(...) (a pointer to an array)");
        }
        return array.arrayLength();
    }

    private int pointee(Btf.Member m, String context) {
        Btf.Type pointer = btf.resolve(m.type(), context);
        if (pointer.kind() != Btf.PTR) {
            throw btf.error(pointer, context + " is not a pointer, as __uint() and __type() declare");
        }
        return pointer.sizeOrType();
    }

    private void readLegacyMaps(Section section) {
        List<Symbol> symbols = new ArrayList<>();
        for (Symbol s : elf.symbols) {
            if (s.sectionIndex() == section.index() && s.type() != ElfFile.STT_SECTION && !s.name().isEmpty()) {
                symbols.add(s);
            }
        }
        symbols.sort(java.util.Comparator.comparingLong(Symbol::value));
        if (symbols.isEmpty()) {
            return;
        }
        Bytes b = section.bytes();
        long defaultSize = section.size() / symbols.size();
        for (Symbol s : symbols) {
            long size = s.size() > 0 ? s.size() : defaultSize;
            if (size < LEGACY_MIN_SIZE || s.value() < 0 || s.value() > b.length() - size) {
                throw b.error(s.value(), "map " + s.name() + ": a struct bpf_map_def of " + size + " bytes at 0x"
                        + Long.toHexString(s.value()) + " does not fit in the " + b.length() + "-byte maps section");
            }
            long o = s.value();
            long flags = size >= 20 ? b.u32(o + 16) : 0;
            define(section, o, spec(section, s, b.u32(o), b.u32(o + 4), b.u32(o + 8), b.u32(o + 12), flags));
        }
    }

    private MapSpec spec(Section section, Symbol symbol, long typeId, long keySize, long valueSize, long maxEntries,
                         long flags) {
        String name = symbol.name();
        MapType type = typeId > Integer.MAX_VALUE ? null : MapType.ofId((int) typeId);
        if (type == null) {
            throw elf.error(section, symbol.value(), "map " + name + " has type " + typeId
                    + ", which ExtOS does not support (supported: " + Arrays.toString(MapType.values()).toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (maxEntries <= 0 || maxEntries > Integer.MAX_VALUE) {
            throw elf.error(section, symbol.value(), "map " + name + " has max_entries " + maxEntries
                    + "; it must be between 1 and " + Integer.MAX_VALUE + " (__uint(max_entries, ...))");
        }
        if (keySize > Integer.MAX_VALUE || valueSize > Integer.MAX_VALUE || flags > Integer.MAX_VALUE * 2L + 1) {
            throw elf.error(section, symbol.value(), "map " + name + " has a key size " + keySize + " or value size "
                    + valueSize + " too large");
        }
        return new MapSpec(name, type, (int) keySize, (int) valueSize, (int) maxEntries, (int) flags, new byte[0], false);
    }

    private void readGlobal(Section s) {
        if (s.size() <= 0) {
            return;
        }
        // .bss has no bytes in the file: no initial data means all zeros.
        byte[] data = s.type() == ElfFile.SHT_NOBITS ? new byte[0] : s.bytes().slice(0, s.size());
        globals.put(s.index(), maps.size());
        Btf.Type datasec = btf == null ? null : btf.datasec(s.name());
        if (datasec != null) {
            btfTypes.put(s.name(), new ObjectBtf.MapTypes(0, datasec.id())); // the kernel types a global map's value by its DATASEC
        }
        maps.add(MapSpec.global(s.name(), (int) s.size(), data, s.name().startsWith(".rodata")));
    }
}
