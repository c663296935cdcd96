package dev.extos.linux;

import java.util.List;

/**
 * What the kernel says about a loaded program ({@code struct bpf_prog_info} from
 * BPF_OBJ_GET_INFO_BY_FD). Run counts and time are counted only while the sysctl
 * {@code kernel.bpf_stats_enabled} is 1 (see {@link BpfStats}).
 *
 * @param type          the kernel's program type number ({@code BPF_PROG_TYPE_*})
 * @param id            the program's system-wide id
 * @param tag           the kernel's hash of the instructions, as bpftool prints it
 * @param xlatedBytes   the size of the program after the verifier's rewriting
 * @param jitedBytes    the size of its machine code (0 when not JIT-compiled)
 * @param mapCount      how many maps the program uses
 * @param runCount      runs counted while statistics were on
 * @param runTimeNanos  total run time counted while statistics were on
 * @param verifiedInsns instructions the verifier processed
 * @param loadTimeNanos when it was loaded, in nanoseconds since boot (CLOCK_BOOTTIME)
 * @param loadedByUid   the user id of the process that loaded it
 * @param mapIds        the ids of the maps it uses (the first 64)
 * @param btfId         the id of its BTF in the kernel, 0 when it was loaded without
 * @param lineInfoCount how many C line records the kernel holds for it
 */
public record ProgramInfo(int type, int id, String tag, String name, int xlatedBytes, int jitedBytes, int mapCount,
                          long runCount, long runTimeNanos, int verifiedInsns, long loadTimeNanos, int loadedByUid,
                          List<Integer> mapIds, int btfId, int lineInfoCount) {
    public ProgramInfo {
        mapIds = List.copyOf(mapIds);
    }
}
