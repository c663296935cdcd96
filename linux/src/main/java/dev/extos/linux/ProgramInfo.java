package dev.extos.linux;

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
 */
public record ProgramInfo(int type, int id, String tag, String name, int xlatedBytes, int jitedBytes, int mapCount,
                          long runCount, long runTimeNanos, int verifiedInsns) {
}
