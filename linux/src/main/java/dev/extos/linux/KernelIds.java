package dev.extos.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every program, map and link in the kernel by system-wide id (not only ExtOS's), and opening one by
 * id: what {@code bpftool prog list} walks. Needs CAP_SYS_ADMIN; opening gives a new fd the
 * caller owns.
 */
public final class KernelIds {
    private KernelIds() {
    }

    /** The ids of every program loaded in the kernel, ascending. */
    public static List<Integer> programs() throws KernelRejectedException {
        return walk(Bpf.BPF_PROG_GET_NEXT_ID);
    }

    /** The ids of every map in the kernel, ascending. */
    public static List<Integer> maps() throws KernelRejectedException {
        return walk(Bpf.BPF_MAP_GET_NEXT_ID);
    }

    /** The ids of every BPF link (program attachment) in the kernel, ascending. */
    public static List<Integer> links() throws KernelRejectedException {
        return walk(Bpf.BPF_LINK_GET_NEXT_ID);
    }

    /** The link with {@code id}, or empty when there is none (any more). */
    public static Optional<KernelLink> link(int id) throws KernelRejectedException {
        return open(Bpf.BPF_LINK_GET_FD_BY_ID, id).map(KernelLink::adopt);
    }

    /** The program with {@code id}, or empty when there is none (any more). */
    public static Optional<LoadedProgram> program(int id) throws KernelRejectedException {
        return open(Bpf.BPF_PROG_GET_FD_BY_ID, id).map(LoadedProgram::adopt);
    }

    /** The map with {@code id}, or empty when there is none (any more). */
    public static Optional<KernelMap> map(int id) throws KernelRejectedException {
        return open(Bpf.BPF_MAP_GET_FD_BY_ID, id).map(KernelMap::adopt);
    }

    private static List<Integer> walk(int command) throws KernelRejectedException {
        List<Integer> ids = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = Bpf.attr(arena);
            int start = 0;
            while (true) {
                attr.set(ValueLayout.JAVA_INT, 0, start);   // start_id
                long r = Bpf.invoke(command, attr);
                if (r == -Errno.ENOENT) {
                    return ids; // past the last id
                }
                if (r < 0) {
                    throw new KernelRejectedException(command, (int) -r, "");
                }
                start = attr.get(ValueLayout.JAVA_INT, 4);  // next_id
                ids.add(start);
            }
        }
    }

    private static Optional<Integer> open(int command, int id) throws KernelRejectedException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = Bpf.attr(arena);
            attr.set(ValueLayout.JAVA_INT, 0, id);          // prog_id / map_id / link_id
            long r = Bpf.invoke(command, attr);
            if (r == -Errno.ENOENT) {
                return Optional.empty();
            }
            if (r < 0) {
                throw new KernelRejectedException(command, (int) -r, "");
            }
            return Optional.of((int) r);
        }
    }
}
