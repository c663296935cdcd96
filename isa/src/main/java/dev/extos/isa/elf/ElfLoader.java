package dev.extos.isa.elf;

import dev.extos.isa.ExtosException;
import dev.extos.isa.elf.ElfFile.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an ELF64 relocatable object for the BPF machine, as {@code clang -O2 -g -target bpf -c}
 * writes it, into a {@link BpfObject}. Anything malformed is an {@link ElfFormatException} naming
 * the file, the section and the offset; nothing is trusted before it is checked.
 */
public final class ElfLoader {
    private static final String LICENSE = "license";
    private static final String TEXT = ".text";

    private ElfLoader() {
    }

    /** Reads and links the object in {@code file}. */
    public static BpfObject load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ExtosException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return load(file.toString(), bytes);
    }

    /** Reads and links an object given as bytes; {@code name} is how errors refer to it. */
    public static BpfObject load(String name, byte[] bytes) {
        ElfFile elf = ElfFile.parse(name, bytes);
        Section btfSection = elf.section(".BTF");
        Btf btf = btfSection == null ? null : Btf.parse(btfSection.bytes());
        BtfExt.Records records = BtfExt.Records.NONE;
        Section ext = elf.section(".BTF.ext");
        if (ext != null) {
            if (btf == null) {
                throw elf.error(ext, 0, "line info in .BTF.ext needs the strings of a .BTF section, and there is none");
            }
            records = BtfExt.read(ext.bytes(), btf);
        }
        ObjectMaps maps = MapReader.read(elf, btf);
        Map<Integer, CodeSection> code = new LinkedHashMap<>();
        for (Section s : elf.sections) {
            if (s.executable() && s.type() == ElfFile.SHT_PROGBITS && s.size() > 0) {
                code.put(s.index(), new CodeSection(elf, s));
            }
        }
        ProgramLinker linker = new ProgramLinker(elf, maps, code, records);
        List<BpfProgram> programs = new ArrayList<>();
        for (CodeSection cs : code.values()) {
            if (!cs.name().equals(TEXT)) {
                for (CodeSection.Function f : cs.functions) {
                    programs.add(linker.link(f));
                }
            }
        }
        Optional<ObjectBtf> kernelBtf = btf == null ? Optional.empty()
                : Optional.of(new ObjectBtf(btf.forKernel(elf), maps.btfTypes(), linker.kernelRecords()));
        return new BpfObject(name, license(elf), maps.maps(), programs, kernelBtf);
    }

    private static String license(ElfFile elf) {
        Section s = elf.section(LICENSE);
        if (s == null || s.size() == 0) {
            return "";
        }
        Bytes b = s.bytes();
        int end = 0;
        while (end < b.length() && b.u8(end) != 0) {
            end++;
        }
        return new String(b.slice(0, end), java.nio.charset.StandardCharsets.UTF_8);
    }
}
