package dev.extos.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** BPF_OBJ_GET_INFO_BY_FD for programs and maps: the kernel's own description of an fd. */
final class ObjectInfo {
    /** Bigger than {@code struct bpf_prog_info} and {@code bpf_map_info} of any kernel to date; the kernel fills what it has. */
    private static final int INFO_SIZE = 512;
    /** Room for the ids of the maps a program uses; the kernel reports the true count, which may be more. */
    private static final int MAX_MAP_IDS = 64;

    private ObjectInfo() {
    }

    static ProgramInfo program(int fd) throws KernelRejectedException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(INFO_SIZE, 8);
            MemorySegment mapIds = arena.allocate(4L * MAX_MAP_IDS, 4);
            info.set(ValueLayout.JAVA_INT, 52, MAX_MAP_IDS);          // nr_map_ids: room offered
            info.set(ValueLayout.JAVA_LONG, 56, mapIds.address());    // map_ids
            query(arena, fd, info);
            int mapCount = info.get(ValueLayout.JAVA_INT, 52);
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < Math.min(mapCount, MAX_MAP_IDS); i++) {
                ids.add(mapIds.getAtIndex(ValueLayout.JAVA_INT, i));
            }
            return new ProgramInfo(info.get(ValueLayout.JAVA_INT, 0), info.get(ValueLayout.JAVA_INT, 4),
                    HexFormat.of().formatHex(info.asSlice(8, 8).toArray(ValueLayout.JAVA_BYTE)), string(info, 64),
                    info.get(ValueLayout.JAVA_INT, 20), info.get(ValueLayout.JAVA_INT, 16), mapCount,
                    info.get(ValueLayout.JAVA_LONG, 200), info.get(ValueLayout.JAVA_LONG, 192), info.get(ValueLayout.JAVA_INT, 216),
                    info.get(ValueLayout.JAVA_LONG, 40), info.get(ValueLayout.JAVA_INT, 48), ids,
                    info.get(ValueLayout.JAVA_INT, 128), info.get(ValueLayout.JAVA_INT, 148));
        }
    }

    static MapInfo map(int fd) throws KernelRejectedException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment i = arena.allocate(INFO_SIZE, 8);
            query(arena, fd, i);
            return new MapInfo(i.get(ValueLayout.JAVA_INT, 0), i.get(ValueLayout.JAVA_INT, 4), i.get(ValueLayout.JAVA_INT, 8),
                    i.get(ValueLayout.JAVA_INT, 12), i.get(ValueLayout.JAVA_INT, 16), i.get(ValueLayout.JAVA_INT, 20), string(i, 24),
                    i.get(ValueLayout.JAVA_INT, 64), i.get(ValueLayout.JAVA_INT, 68), i.get(ValueLayout.JAVA_INT, 72));
        }
    }

    private static void query(Arena arena, int fd, MemorySegment info) throws KernelRejectedException {
        MemorySegment attr = Bpf.attr(arena);
        attr.set(ValueLayout.JAVA_INT, 0, fd);            // info.bpf_fd
        attr.set(ValueLayout.JAVA_INT, 4, INFO_SIZE);     // info.info_len
        attr.set(ValueLayout.JAVA_LONG, 8, info.address()); // info.info
        Bpf.command(Bpf.BPF_OBJ_GET_INFO_BY_FD, attr);
    }

    private static String string(MemorySegment info, long offset) {
        return info.asSlice(offset, 16).getString(0, StandardCharsets.US_ASCII);
    }
}
