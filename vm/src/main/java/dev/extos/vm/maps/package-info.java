/**
 * eBPF maps with the Linux kernel's semantics: array, hash, LRU hash, per-CPU array and hash,
 * queue, stack, ring buffer and program array. Each map keeps its values in one
 * {@link java.lang.foreign.MemorySegment} slab, which is also the map's region in a program's
 * address space, so a value pointer a program gets from {@code map_lookup_elem} is checked like
 * any other access. {@link dev.extos.vm.maps.ProgramMaps} builds a program's maps and installs
 * them in an {@link dev.extos.vm.AddressSpace}; {@link dev.extos.vm.maps.MapAccount} bounds the
 * memory one owner's maps may take. docs/maps.md states what each map guarantees to concurrent users.
 */
package dev.extos.vm.maps;
