package dev.extos.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pins on the bpf file system: a program or map pinned at a path outlives the process that
 * loaded it (the kernel frees it once no pin, fd or attachment holds it), and any process may
 * open it again by that path. bpffs refuses names containing '.', and only holds pins and
 * directories.
 */
public final class BpfFs {
    /** Where bpffs is mounted by convention. */
    public static final Path ROOT = Path.of("/sys/fs/bpf");
    private static final String FS_TYPE = "bpf";

    private BpfFs() {
    }

    /**
     * Makes sure {@code dir} is a directory on a bpf file system, creating it as needed. When
     * it lies under {@link #ROOT} and nothing is mounted there, bpffs is mounted first (which
     * needs CAP_SYS_ADMIN); anywhere else not on bpffs is an error saying how to mount one.
     */
    public static Path prepare(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!onBpfFs(abs)) {
            if (!abs.startsWith(ROOT) || isMountPoint(ROOT)) {
                throw new KernelObjectException(abs + " is not on a bpf file system; pins live on one "
                        + "(e.g. under " + ROOT + ", or mount another: mount -t bpf bpf DIR)");
            }
            int errno = Bpf.mount(FS_TYPE, ROOT.toString());
            if (errno != 0) {
                throw new KernelObjectException("no bpf file system is mounted at " + ROOT + " and mounting one failed with "
                        + Errno.name(errno) + (errno == Errno.EPERM ? " (needs CAP_SYS_ADMIN; as root: mount -t bpf bpf " + ROOT + ")" : ""));
            }
        }
        try {
            return Files.createDirectories(abs);
        } catch (IOException e) {
            throw new KernelObjectException("cannot create the pin directory " + abs + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code path} lies on a bpf file system (the nearest mount point at or above it is bpffs). */
    public static boolean onBpfFs(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path best = null;
        String bestType = "";
        for (String[] m : mounts()) {
            Path point = Path.of(m[1]);
            if (abs.startsWith(point) && (best == null || point.getNameCount() >= best.getNameCount())) {
                best = point;
                bestType = m[2];
            }
        }
        return FS_TYPE.equals(bestType);
    }

    private static boolean isMountPoint(Path dir) {
        return mounts().stream().anyMatch(m -> Path.of(m[1]).equals(dir));
    }

    /** /proc/self/mounts as {source, mount point, type} rows (octal escapes such as \040 left as they are). */
    private static List<String[]> mounts() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(l -> l.split(" ")).filter(f -> f.length >= 3).toList();
        } catch (IOException e) {
            throw new KernelObjectException("cannot read /proc/self/mounts to find the bpf file system: " + e.getMessage(), e);
        }
    }

    /** Pins {@code object} at {@code path} (its directory is prepared as by {@link #prepare}). */
    public static void pin(KernelHandle object, Path path) throws KernelRejectedException {
        Path abs = path.toAbsolutePath().normalize();
        if (abs.getFileName() == null || abs.getFileName().toString().contains(".")) {
            throw new KernelObjectException("cannot pin at " + abs + ": bpffs refuses names containing '.'");
        }
        prepare(abs.getParent());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(abs.toString(), StandardCharsets.UTF_8);
            MemorySegment attr = Bpf.attr(arena);
            attr.set(ValueLayout.JAVA_LONG, 0, name.address()); // pathname
            attr.set(ValueLayout.JAVA_INT, 8, object.fd());     // bpf_fd
            long r = Bpf.invoke(Bpf.BPF_OBJ_PIN, attr);
            if (r == -Errno.EEXIST) {
                throw new KernelObjectException("cannot pin at " + abs + ": something is pinned there already "
                        + "(extos kernel unload " + abs + " removes it)");
            }
            if (r < 0) {
                throw new KernelRejectedException(Bpf.BPF_OBJ_PIN, (int) -r, "");
            }
        }
    }

    /** Opens the program or map pinned at {@code path}: a new fd the caller owns. */
    public static KernelHandle open(Path path) throws KernelRejectedException {
        Path abs = path.toAbsolutePath().normalize();
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(abs.toString(), StandardCharsets.UTF_8);
            MemorySegment attr = Bpf.attr(arena);
            attr.set(ValueLayout.JAVA_LONG, 0, name.address()); // pathname
            long r = Bpf.invoke(Bpf.BPF_OBJ_GET, attr);
            if (r == -Errno.ENOENT) {
                throw new KernelObjectException("nothing is pinned at " + abs);
            }
            if (r < 0) {
                throw new KernelObjectException("cannot open the pin " + abs + ": bpf(BPF_OBJ_GET) failed with "
                        + Errno.name((int) -r) + (onBpfFs(abs) ? "" : " (it is not on a bpf file system)"));
            }
            fd = (int) r;
        }
        String kind = fdKind(fd);
        return switch (kind) {
            case "anon_inode:bpf-prog" -> LoadedProgram.adopt(fd);
            case "anon_inode:bpf-map" -> KernelMap.adopt(fd);
            case "anon_inode:bpf-link" -> KernelLink.adopt(fd);
            default -> {
                Bpf.closeFd(fd);
                throw new KernelObjectException(abs + " holds a " + kind.replace("anon_inode:", "")
                        + ", not a program, a map or a link");
            }
        };
    }

    /** What kind of object an fd refers to, as /proc shows it (e.g. {@code anon_inode:bpf-prog}). */
    private static String fdKind(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException e) {
            return "unknown object";
        }
    }

    /** The pins under {@code dir} (or {@code dir} itself when it is a pin), in path order. */
    public static List<Path> pins(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Files.exists(dir) ? List.of(dir) : List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new KernelObjectException("cannot list the pins under " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the pin at {@code path}, or every pin and directory under it. The objects stay in
     * the kernel while anything else holds them.
     */
    public static void unpin(Path path) {
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new KernelObjectException("cannot remove " + path + ": " + e.getMessage(), e);
        }
    }
}
