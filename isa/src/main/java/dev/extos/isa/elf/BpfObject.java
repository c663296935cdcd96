package dev.extos.isa.elf;

import dev.extos.isa.ExtosException;
import dev.extos.isa.MapSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an ELF object compiled with {@code clang -target bpf} holds: its licence, its maps in a
 * fixed order (the index a program's {@code lddw} uses), and its programs.
 *
 * @param file     the name the object was read from
 * @param license  the contents of the {@code license} section, or empty when there is none
 * @param maps     BTF-defined maps ({@code .maps}) in offset order, then legacy {@code maps} in
 *                 offset order, then one global-data map per {@code .rodata*}/{@code .data*}/{@code .bss*}
 *                 section in section order
 * @param programs one per function of each program section, in section then address order
 * @param btf      the object's type information for the kernel, when it has a {@code .BTF} section
 */
public record BpfObject(String file, String license, List<MapSpec> maps, List<BpfProgram> programs, Optional<ObjectBtf> btf) {
    public BpfObject {
        Objects.requireNonNull(file);
        Objects.requireNonNull(license);
        Objects.requireNonNull(btf);
        maps = List.copyOf(maps);
        programs = List.copyOf(programs);
    }

    /** An object without type information. */
    public BpfObject(String file, String license, List<MapSpec> maps, List<BpfProgram> programs) {
        this(file, license, maps, programs, Optional.empty());
    }

    /** This object holding only {@code chosen} of its programs, with its maps and type information. */
    public BpfObject withPrograms(List<BpfProgram> chosen) {
        return new BpfObject(file, license, maps, chosen, btf);
    }

    /** The program whose entry function is {@code name}. */
    public Optional<BpfProgram> program(String name) {
        return programs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The programs compiled into section {@code section}, in address order. */
    public List<BpfProgram> programsIn(String section) {
        return programs.stream().filter(p -> p.section().equals(section)).toList();
    }

    /**
     * The one program a user means by {@code choice}: a function name or a section name, or null
     * when the object holds a single program. No match, or a section holding several programs,
     * is an {@link ExtosException} that lists what there is to choose from.
     */
    public BpfProgram select(String choice) {
        if (choice == null) {
            if (programs.size() == 1) {
                return programs.getFirst();
            }
            throw new ExtosException(file + " holds " + (programs.isEmpty() ? "no programs" : programs.size()
                    + " programs; pick one by function or section name: " + choices()));
        }
        Optional<BpfProgram> byName = program(choice);
        if (byName.isPresent()) {
            return byName.get();
        }
        List<BpfProgram> inSection = programsIn(choice);
        if (inSection.size() == 1) {
            return inSection.getFirst();
        }
        throw new ExtosException(file + (inSection.isEmpty() ? " has no program or section named '" + choice + "'"
                : ": section " + choice + " holds " + inSection.size() + " programs; pick one by function name")
                + "; it holds " + choices());
    }

    private String choices() {
        return String.join(", ", programs.stream().map(p -> p.name() + " (SEC(\"" + p.section() + "\"))").toList());
    }

    /** The distinct program section names, in file order. */
    public List<String> sections() {
        List<String> out = new ArrayList<>();
        for (BpfProgram p : programs) {
            if (!out.contains(p.section())) {
                out.add(p.section());
            }
        }
        return out;
    }

    /** The index of the map named {@code name} in {@link #maps()}, or -1. */
    public int mapIndex(String name) {
        for (int i = 0; i < maps.size(); i++) {
            if (maps.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
