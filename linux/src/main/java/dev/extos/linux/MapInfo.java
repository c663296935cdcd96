package dev.extos.linux;

/**
 * What the kernel says about a map ({@code struct bpf_map_info} from BPF_OBJ_GET_INFO_BY_FD).
 *
 * @param type           the kernel's map type number ({@code BPF_MAP_TYPE_*})
 * @param id             the map's system-wide id (what bpftool lists)
 * @param btfId          the id of the BTF that types its keys and values, 0 when none
 * @param btfKeyTypeId   the key's type in that BTF (0: not described)
 * @param btfValueTypeId the value's type in that BTF (0: not described)
 */
public record MapInfo(int type, int id, int keySize, int valueSize, int maxEntries, int flags, String name,
                      int btfId, int btfKeyTypeId, int btfValueTypeId) {
}
