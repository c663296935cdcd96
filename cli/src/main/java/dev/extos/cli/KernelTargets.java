package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.linux.BpfFs;
import dev.extos.linux.KernelHandle;
import dev.extos.linux.KernelIds;
import dev.extos.linux.KernelLink;
import dev.extos.linux.KernelMap;
import dev.extos.linux.LoadedProgram;
import dev.extos.linux.Privileges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What the kernel commands point at: programs and maps by id or pin path, and ExtOS's pin directory. */
final class KernelTargets {
    /** Where {@code extos kernel load} pins objects: one directory per object. */
    static final Path EXTOS_PINS = BpfFs.ROOT.resolve("extos");

    private KernelTargets() {
    }

    /** Fails with the reason when this process may not use bpf(). */
    static void requireBpf() {
        Privileges.whyNot().ifPresent(why -> {
            throw new ExtosException("the kernel commands need bpf(): " + why + " (run as root)");
        });
    }

    /** The program (or, with {@code map}, the map) that {@code target} names: a decimal id, or a pin path. The caller closes it. */
    static KernelHandle open(String target, boolean map) {
        requireBpf();
        if (target.matches("\\d+")) {
            // ids are positive 32-bit numbers: a longer one names nothing, like an unused id
            int id = target.length() > 10 || Long.parseLong(target) > Integer.MAX_VALUE ? 0 : Integer.parseInt(target);
            return map
                    ? KernelIds.map(id).orElseThrow(() -> new ExtosException("no map with id " + target + " in the kernel (extos kernel list --maps)"))
                    : KernelIds.program(id).orElseThrow(() -> new ExtosException("no program with id " + target
                            + " in the kernel (extos kernel list; for a map id add --map)"));
        }
        return BpfFs.open(Path.of(target));
    }

    /** The program {@code target} names; a pin of a map is an error saying so. */
    static LoadedProgram program(String target) {
        KernelHandle h = open(target, false);
        return switch (h) {
            case LoadedProgram p -> p;
            case KernelMap m -> {
                m.close();
                throw new ExtosException(target + " is a map, not a program");
            }
            case KernelLink l -> {
                l.close();
                throw new ExtosException(target + " is a link (a program's attachment), not a program");
            }
        };
    }

    /**
     * The pins under ExtOS's directory of one kind of object (programs, maps or links) by the
     * object's id: how {@code list} marks ExtOS's objects. Ids are per kind, so the kind must be
     * named. Pins that cannot be opened are skipped.
     */
    static Map<Integer, Path> pinnedIds(Class<? extends KernelHandle> kind) {
        Map<Integer, Path> out = new HashMap<>();
        if (!Files.isDirectory(EXTOS_PINS)) {
            return out;
        }
        for (Path pin : BpfFs.pins(EXTOS_PINS)) {
            try (KernelHandle h = BpfFs.open(pin)) {
                if (kind.isInstance(h)) {
                    out.put(h.id(), pin);
                }
            } catch (ExtosException e) {
                // a pin removed meanwhile: nothing to mark
            }
        }
        return out;
    }

    /** The pin directory of an object file: {@code /sys/fs/bpf/extos/<file name without .o>}, bpffs-safe. */
    static Path objectDirectory(Path objectFile) {
        String name = objectFile.getFileName().toString();
        if (name.endsWith(".o")) {
            name = name.substring(0, name.length() - 2);
        }
        return EXTOS_PINS.resolve(dev.extos.linux.KernelObject.pinName(name));
    }
}
