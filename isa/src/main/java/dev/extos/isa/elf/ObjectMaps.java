package dev.extos.isa.elf;

import dev.extos.isa.MapSpec;
import java.util.List;
import java.util.Map;

/**
 * The maps of an object in their fixed order, and where each is defined, so that relocations
 * can be turned into map indexes: map definitions by (section, offset of the symbol), global-data
 * maps by section; and, for maps BTF describes, their key and value type ids.
 */
record ObjectMaps(List<MapSpec> maps, Map<Integer, Map<Long, Integer>> definitions, Map<Integer, Integer> globals,
                  Map<String, ObjectBtf.MapTypes> btfTypes) {
    /** The index of the map defined at {@code offset} of section {@code section}, or null. */
    Integer definedAt(int section, long offset) {
        Map<Long, Integer> bySymbol = definitions.get(section);
        return bySymbol == null ? null : bySymbol.get(offset);
    }

    boolean definesMaps(int section) {
        return definitions.containsKey(section);
    }
}
