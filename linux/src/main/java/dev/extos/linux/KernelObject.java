package dev.extos.linux;

import dev.extos.isa.Imm64Kind;
import dev.extos.isa.Instruction;
import dev.extos.isa.MapSpec;
import dev.extos.isa.MapType;
import dev.extos.isa.Program;
import dev.extos.isa.elf.BpfObject;
import dev.extos.isa.elf.BpfProgram;
import dev.extos.isa.elf.ObjectBtf;
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
    private final List<String> notes;

    private KernelObject(BpfObject object, List<KernelMap> maps, Map<String, LoadedProgram> programs, List<String> notes) {
        this.object = object;
        this.maps = List.copyOf(maps);
        this.programs = programs;
        this.notes = List.copyOf(notes);
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
     * <p>When the object has BTF, it is loaded first: maps get their key and value types and
     * programs their function and line records, so the kernel's verifier log quotes the C
     * source. Should the kernel refuse the type information of the object, a map or a program
     * that it accepts without, it is loaded without and {@link #notes()} says so; a program the
     * kernel refuses either way is reported with the log of the attempt with line records.
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
        List<String> notes = new ArrayList<>();
        // The kernel keeps its own reference to the BTF from every map and program created with it.
        try (KernelBtf btf = loadBtf(object, notes)) {
            for (MapSpec spec : object.maps()) {
                maps.add(createMap(spec, btf, object, notes));
            }
            for (BpfProgram p : chosen) {
                Program patched = patch(p.program(), maps, object.file());
                loaded.put(p.name(), loadProgram(object, p, patched.encode(), logLevel, btf, notes));
            }
        } catch (RuntimeException e) {
            loaded.values().forEach(LoadedProgram::close);
            maps.forEach(KernelMap::close);
            throw e;
        }
        return new KernelObject(object, maps, loaded, notes);
    }

    private static KernelBtf loadBtf(BpfObject object, List<String> notes) {
        if (object.btf().isEmpty()) {
            return null;
        }
        try {
            return KernelBtf.load(object.btf().get().blob());
        } catch (KernelRejectedException e) {
            notes.add("the kernel refused the object's BTF (" + e.getMessage() + "); maps and programs are loaded without it");
            return null;
        }
    }

    private static LoadedProgram loadProgram(BpfObject object, BpfProgram p, byte[] insns, int logLevel, KernelBtf btf,
                                             List<String> notes) throws KernelRejectedException {
        int type = KernelProgramTypes.forSection(p.section());
        ObjectBtf.ProgramRecords records = btf == null ? null : object.btf().get().programs().get(p.name());
        if (records == null) {
            return Bpf.load(type, insns, object.license(), logLevel, p.name());
        }
        try {
            return Bpf.load(type, insns, object.license(), logLevel, p.name(), new ProgramBtf(btf.fd(), records));
        } catch (KernelRejectedException withBtf) {
            try {
                LoadedProgram plain = Bpf.load(type, insns, object.license(), logLevel, p.name());
                notes.add("program " + p.name() + ": the kernel refused its function and line records ("
                        + withBtf.getMessage() + "); loaded without them");
                return plain;
            } catch (KernelRejectedException without) {
                withBtf.addSuppressed(without);
                throw withBtf; // its log quotes the C lines
            }
        }
    }

    private static KernelMap createMap(MapSpec spec, KernelBtf btf, BpfObject object, List<String> notes)
            throws KernelRejectedException {
        // Maps without a key or value (queue, stack, ring buffer) and program arrays take no BTF types, as libbpf knows.
        boolean typed = spec.keySize() > 0 && spec.valueSize() > 0 && spec.type() != MapType.PROG_ARRAY;
        ObjectBtf.MapTypes types = btf == null || !typed ? null : object.btf().get().maps().get(spec.name());
        KernelMap m;
        if (types == null) {
            m = KernelMap.create(spec);
        } else {
            try {
                m = KernelMap.create(spec, btf.fd(), types);
            } catch (KernelRejectedException e) {
                // Some map types take no BTF for their keys or values (libbpf retries the same way).
                m = KernelMap.create(spec);
                notes.add("map " + spec.name() + ": created without BTF types, which the kernel refused (" + e.errnoName() + ")");
            }
        }
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

    /** What was loaded with less than the object offered (BTF the kernel refused), for the user to read. */
    public List<String> notes() {
        return notes;
    }

    /**
     * Pins every program at {@code dir/<function>} and every map at {@code dir/maps/<name>}
     * ('.' in names becomes '_', which bpffs requires: {@code .rodata} is pinned as {@code _rodata}),
     * so they outlive this process. Returns the pins, programs first, in object order. When one
     * pin fails, the ones already made are removed before the error goes on.
     */
    public Map<String, java.nio.file.Path> pin(java.nio.file.Path dir) throws KernelRejectedException {
        Map<String, java.nio.file.Path> pinned = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, LoadedProgram> p : programs.entrySet()) {
                java.nio.file.Path at = dir.resolve(pinName(p.getKey()));
                BpfFs.pin(p.getValue(), at);
                pinned.put(p.getKey(), at);
            }
            for (KernelMap m : maps) {
                java.nio.file.Path at = dir.resolve("maps").resolve(pinName(m.name()));
                BpfFs.pin(m, at);
                pinned.put(m.name(), at);
            }
            return pinned;
        } catch (RuntimeException e) {
            pinned.values().forEach(BpfFs::unpin);
            throw e;
        }
    }

    /** {@code name} as bpffs accepts it: '.' (reserved there) becomes '_'. */
    public static String pinName(String name) {
        return name.replace('.', '_');
    }

    /** Closes every program, then every map. */
    @Override
    public void close() {
        programs.values().forEach(LoadedProgram::close);
        maps.forEach(KernelMap::close);
    }
}
