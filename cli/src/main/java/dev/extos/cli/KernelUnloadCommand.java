package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.linux.BpfFs;
import dev.extos.linux.KernelHandle;
import dev.extos.linux.KernelIds;
import dev.extos.linux.KernelLink;
import dev.extos.linux.KernelMap;
import dev.extos.linux.LoadedProgram;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code extos kernel unload}: removes pins; the kernel frees what nothing else holds. */
@Command(name = "unload", mixinStandardHelpOptions = true,
        description = {"Removes pins; the kernel frees what nothing else holds.",
            "",
            "Removes a pin, or every pin under a directory, or the pins of an object loaded with",
            "extos kernel load (by its name, e.g. array_counter). The kernel frees each program and map once nothing",
            "holds it any more: no pin, no open fd and no attachment (an XDP program on an interface, a socket filter)."})
final class KernelUnloadCommand implements Callable<Integer> {
    /** How long to watch for the kernel freeing what was unpinned (it frees after an RCU grace period). */
    private static final long WATCH_MILLIS = 1000;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PATH|OBJECT", description = "A pin path or directory on bpffs, or the name of an object under /sys/fs/bpf/extos.")
    private String target;

    /** One unpinned object: what it was, to look for it afterwards ({@code kind} program, map or link). */
    private record Unpinned(Path pin, String kind, int id, String name) {
        boolean map() {
            return kind.equals("map");
        }
    }

    @Override
    public Integer call() {
        KernelTargets.requireBpf();
        Path path = target.contains("/") ? Path.of(target).toAbsolutePath().normalize() : KernelTargets.EXTOS_PINS.resolve(target);
        if (!Files.exists(path)) {
            throw new ExtosException("nothing to unload: " + path + " does not exist" + (target.contains("/") ? ""
                    : " (objects loaded with extos kernel load: ls " + KernelTargets.EXTOS_PINS + ")"));
        }
        if (path.equals(BpfFs.ROOT)) {
            throw new ExtosException("refusing to remove every pin on the system (" + path + "); name an object or a directory below it");
        }
        if (!BpfFs.onBpfFs(path)) {
            throw new ExtosException(path + " is not on a bpf file system, so it holds no pins");
        }
        List<Unpinned> unpinned = new ArrayList<>();
        for (Path pin : BpfFs.pins(path)) {
            try (KernelHandle h = BpfFs.open(pin)) {
                unpinned.add(switch (h) {
                    case LoadedProgram p -> new Unpinned(pin, "program", p.info().id(), p.info().name());
                    case KernelMap m -> new Unpinned(pin, "map", m.info().id(), m.info().name());
                    case KernelLink l -> new Unpinned(pin, "link", l.info().id(), KernelFormat.link(l.info()));
                });
            } catch (ExtosException e) {
                unpinned.add(new Unpinned(pin, "", 0, "")); // not a program, map or link: removed all the same
            }
        }
        BpfFs.unpin(path);
        PrintWriter out = spec.commandLine().getOut();
        out.println("removed " + unpinned.size() + " pin" + (unpinned.size() == 1 ? "" : "s") + " under " + path);
        long deadline = System.currentTimeMillis() + WATCH_MILLIS;
        for (Unpinned u : unpinned) {
            if (u.id() == 0) {
                out.println("  " + u.pin() + ": removed");
                continue;
            }
            if (u.kind().equals("link")) {
                out.println("  link " + u.id() + " (" + u.name() + "): unpinned; the program is detached once no fd holds the link");
                continue;
            }
            boolean freed = waitUntilFreed(u, deadline);
            out.println("  " + u.kind() + " " + u.id() + " " + u.name() + ": " + (freed
                    ? "freed by the kernel (nothing else held it)"
                    : "still in the kernel: something else holds it (an fd, another pin, an attachment, or a program using the map);"
                            + " the kernel frees it when that goes"));
        }
        out.flush();
        return 0;
    }

    private static boolean waitUntilFreed(Unpinned u, long deadline) {
        while (true) {
            List<Integer> ids = u.map() ? KernelIds.maps() : KernelIds.programs();
            if (!ids.contains(u.id())) {
                return true;
            }
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
