package dev.extos.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** BPF_OBJ_GET_INFO_BY_FD for programs and maps: the kernel's own description of an fd. */
final class ObjectInfo {
    /** Bigger than {@code struct bpf_prog_info} and {@code bpf_map_info} of any kernel to date; the kernel fills what it has. */
    private static final int INFO_SIZE = 512;

    private ObjectInfo() {
    }

    static ProgramInfo program(int fd) throws KernelRejectedException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment i = query(arena, fd);
            return new ProgramInfo(i.get(ValueLayout.JAVA_INT, 0), i.get(ValueLayout.JAVA_INT, 4),
                    HexFormat.of().formatHex(i.asSlice(8, 8).toArray(ValueLayout.JAVA_BYTE)), string(i, 64),
                    i.get(ValueLayout.JAVA_INT, 20), i.get(ValueLayout.JAVA_INT, 16), i.get(ValueLayout.JAVA_INT, 52),
                    i.get(ValueLayout.JAVA_LONG, 200), i.get(ValueLayout.JAVA_LONG, 192), i.get(ValueLayout.JAVA_INT, 216));
        }
    }

    static MapInfo map(int fd) throws KernelRejectedException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment i = query(arena, fd);
            return new MapInfo(i.get(ValueLayout.JAVA_INT, 0), i.get(ValueLayout.JAVA_INT, 4), i.get(ValueLayout.JAVA_INT, 8),
                    i.get(ValueLayout.JAVA_INT, 12), i.get(ValueLayout.JAVA_INT, 16), i.get(ValueLayout.JAVA_INT, 20), string(i, 24));
        }
    }

    private static MemorySegment query(Arena arena, int fd) throws KernelRejectedException {
        MemorySegment info = arena.allocate(INFO_SIZE, 8);
        MemorySegment attr = Bpf.attr(arena);
        attr.set(ValueLayout.JAVA_INT, 0, fd);            // info.bpf_fd
        attr.set(ValueLayout.JAVA_INT, 4, INFO_SIZE);     // info.info_len
        attr.set(ValueLayout.JAVA_LONG, 8, info.address()); // info.info
        Bpf.command(Bpf.BPF_OBJ_GET_INFO_BY_FD, attr);
        return info;
    }

    private static String string(MemorySegment info, long offset) {
        return info.asSlice(offset, 16).getString(0, StandardCharsets.US_ASCII);
    }
}
