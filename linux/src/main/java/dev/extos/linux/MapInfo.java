package dev.extos.linux;

/**
 * What the kernel says about a map ({@code struct bpf_map_info} from BPF_OBJ_GET_INFO_BY_FD).
 *
 * @param type the kernel's map type number ({@code BPF_MAP_TYPE_*})
 * @param id   the map's system-wide id (what bpftool lists)
 */
public record MapInfo(int type, int id, int keySize, int valueSize, int maxEntries, int flags, String name) {
}
