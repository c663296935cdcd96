package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.isa.MapSpec;
import dev.extos.isa.Program;
import dev.extos.isa.elf.BpfObject;
import dev.extos.isa.elf.BpfProgram;
import dev.extos.isa.elf.ElfLoader;
import dev.extos.isa.elf.LineInfo;
import dev.extos.isa.elf.SourceLine;
import dev.extos.verifier.ProgramType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A program as the user named it on the command line: its code, the type its ELF section names
 * (none for assembly and raw files), its maps and, for objects built with {@code -g}, its C lines.
 */
record ProgramSource(String file, Program program, Optional<ProgramType> sectionType, List<MapSpec> maps, LineInfo lines) {

    /** Whether {@code name} is an ELF object by its extension. */
    static boolean isObject(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".o");
    }

    /** The program in {@code file}; {@code section} picks one of an object's programs (by function or section name). */
    static ProgramSource load(String file, String section) {
        if (!isObject(file)) {
            if (section != null) {
                throw new ExtosException("--section picks a program of a .o file; " + file + " holds one program");
            }
            return new ProgramSource(file, ProgramFiles.load(file), Optional.empty(), List.of(), LineInfo.empty());
        }
        BpfObject object = ElfLoader.load(Path.of(file));
        BpfProgram chosen = object.select(section);
        ProgramType type;
        try {
            type = ProgramType.forSection(chosen.section());
        } catch (IllegalArgumentException e) {
            throw new ExtosException(file + ": program " + chosen.name() + ": " + e.getMessage(), e);
        }
        return new ProgramSource(file, chosen.program(), Optional.of(type), object.maps(), chosen.lines());
    }

    /** The type to verify and run as: {@code --type} if given, else the section's, else {@code fallback}. */
    ProgramType type(ProgramType requested, ProgramType fallback) {
        if (requested != null) {
            return requested;
        }
        return sectionType.orElse(fallback);
    }

    /** The C line instruction {@code slot} came from, when the object carries line info. */
    Optional<SourceLine> line(int slot) {
        return slot < 0 ? Optional.empty() : lines.at(slot);
    }
}
