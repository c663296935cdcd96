package dev.extos.linux;

import dev.extos.isa.Imm64Kind;
import dev.extos.isa.Instruction;
import dev.extos.isa.MapSpec;
import dev.extos.isa.Program;
import dev.extos.isa.elf.BpfObject;
import dev.extos.isa.elf.BpfProgram;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ExtOS program object loaded into the kernel: its maps created (global data with its
 * initial bytes, {@code .rodata} frozen and read-only for programs), each program's map
 * references patched to the maps' descriptors and each program loaded with the type its section
 * names. Owns every descriptor; {@link #close()} releases them all. The maps stay readable and
 * writable from Java while the programs run.
 */
public final class KernelObject implements AutoCloseable {
    private final BpfObject object;
    private final List<KernelMap> maps;
    private final Map<String, LoadedProgram> programs;

    private KernelObject(BpfObject object, List<KernelMap> maps, Map<String, LoadedProgram> programs) {
        this.object = object;
        this.maps = List.copyOf(maps);
        this.programs = programs;
    }

    /** Loads every program of {@code object} (see {@link #load(BpfObject, List, int)}). */
    public static KernelObject load(BpfObject object) throws KernelRejectedException {
        return load(object, null, 1);
    }

    /**
     * Creates the object's maps and loads the programs named in {@code programNames} (function
     * names; null for all) with the verifier log at {@code logLevel}. Section types are checked
     * before anything is created; on any failure what was already created is closed.
     *
     * @throws KernelObjectException   for a section the kernel has no program type for, or no licence
     * @throws KernelRejectedException when the kernel refuses a map or a program (with its verifier log)
     */
    public static KernelObject load(BpfObject object, List<String> programNames, int logLevel) throws KernelRejectedException {
        List<BpfProgram> chosen = new ArrayList<>();
        for (BpfProgram p : object.programs()) {
            if (programNames == null || programNames.contains(p.name())) {
                KernelProgramTypes.forSection(p.section()); // fail before creating anything
                chosen.add(p);
            }
        }
        if (programNames != null && chosen.size() != programNames.size()) {
            throw new KernelObjectException(object.file() + " has no program named one of " + programNames
                    + "; it has " + object.programs().stream().map(BpfProgram::name).toList());
        }
        if (chosen.isEmpty()) {
            throw new KernelObjectException(object.file() + " holds no program to load");
        }
        if (object.license().isBlank()) {
            throw new KernelObjectException(object.file() + " has no license section; the kernel needs one "
                    + "(char LICENSE[] SEC(\"license\") = \"GPL\";)");
        }
        List<KernelMap> maps = new ArrayList<>();
        Map<String, LoadedProgram> loaded = new LinkedHashMap<>();
        try {
            for (MapSpec spec : object.maps()) {
                maps.add(createMap(spec));
            }
            for (BpfProgram p : chosen) {
                Program patched = patch(p.program(), maps, object.file());
                loaded.put(p.name(), Bpf.load(KernelProgramTypes.forSection(p.section()), patched.encode(),
                        object.license(), logLevel, p.name()));
            }
        } catch (RuntimeException e) {
            loaded.values().forEach(LoadedProgram::close);
            maps.forEach(KernelMap::close);
            throw e;
        }
        return new KernelObject(object, maps, loaded);
    }

    private static KernelMap createMap(MapSpec spec) throws KernelRejectedException {
        KernelMap m = KernelMap.create(spec);
        try {
            byte[] initial = spec.initialData();
            if (initial.length > 0) {
                byte[] value = new byte[spec.valueSize()];
                System.arraycopy(initial, 0, value, 0, initial.length);
                m.update(new byte[spec.keySize()], value, KernelMap.BPF_ANY);
            }
            if (spec.readOnly()) {
                m.freeze(); // the verifier may then treat reads of .rodata as the constants they are
            }
            return m;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** {@code program} with each {@code lddw map_fd i} and {@code map_value i} pointing at map i's descriptor. */
    static Program patch(Program program, List<KernelMap> maps, String file) {
        List<Instruction> out = new ArrayList<>(program.instructions().size());
        for (Instruction i : program.instructions()) {
            if (i instanceof Instruction.LoadImm64 l && (l.kind() == Imm64Kind.MAP_FD || l.kind() == Imm64Kind.MAP_VALUE)) {
                if (l.imm() < 0 || l.imm() >= maps.size()) {
                    throw new KernelObjectException(file + ": a program refers to map " + l.imm() + " but the object has "
                            + maps.size() + " maps");
                }
                // MAP_VALUE keeps its offset in the second half, as the kernel's BPF_PSEUDO_MAP_VALUE expects.
                out.add(new Instruction.LoadImm64(l.dst(), l.kind(), maps.get(l.imm()).fd(), l.kind() == Imm64Kind.MAP_FD ? 0 : l.nextImm()));
            } else {
                out.add(i);
            }
        }
        return Program.of(out);
    }

    /** The object as read from its file. */
    public BpfObject object() {
        return object;
    }

    /** The kernel maps, in the object's map order. */
    public List<KernelMap> maps() {
        return maps;
    }

    /** The map named {@code name} (e.g. {@code counters} or {@code .rodata}). */
    public Optional<KernelMap> map(String name) {
        int i = object.mapIndex(name);
        return i < 0 ? Optional.empty() : Optional.of(maps.get(i));
    }

    /** The loaded programs by function name, in object order. */
    public Map<String, LoadedProgram> programs() {
        return java.util.Collections.unmodifiableMap(programs);
    }

    /** The loaded program whose function is {@code name}; throws listing the names when there is none. */
    public LoadedProgram program(String name) {
        LoadedProgram p = programs.get(name);
        if (p == null) {
            throw new KernelObjectException(object.file() + " has no loaded program '" + name + "' (loaded: " + programs.keySet() + ")");
        }
        return p;
    }

    /** Closes every program, then every map. */
    @Override
    public void close() {
        programs.values().forEach(LoadedProgram::close);
        maps.forEach(KernelMap::close);
    }
}
