package dev.extos.isa.elf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic ELF64 layer: header checks, section headers, the symbol table and the relocation
 * tables, with every offset and index validated. Knows nothing of maps or programs.
 */
final class ElfFile {
    static final int EM_BPF = 247;
    static final int SHT_PROGBITS = 1;
    static final int SHT_SYMTAB = 2;
    static final int SHT_STRTAB = 3;
    static final int SHT_RELA = 4;
    static final int SHT_NOBITS = 8;
    static final int SHT_REL = 9;
    static final long SHF_EXECINSTR = 4;
    static final int STT_OBJECT = 1;
    static final int STT_FUNC = 2;
    static final int STT_SECTION = 3;
    static final int SHN_UNDEF = 0;
    static final int SHN_LORESERVE = 0xff00;

    private static final String HEADER = "ELF header";
    private static final String SECTION_HEADERS = "section headers";
    private static final int MAX_SECTIONS = 0xff00;

    /** One section header, with its contents (empty for NOBITS). */
    record Section(int index, String name, int type, long flags, long size, int link, int info, long entrySize,
                   Bytes bytes) {
        boolean executable() {
            return (flags & SHF_EXECINSTR) != 0;
        }
    }

    /** One symbol table entry. */
    record Symbol(int index, String name, int type, int bind, int sectionIndex, long value, long size) {
    }

    /** One REL entry: patch the bytes at {@code offset} of the target section with {@code symbol}. */
    record Relocation(long offset, int type, Symbol symbol, long entryOffset) {
    }

    final String file;
    final Bytes bytes;
    final List<Section> sections;
    final List<Symbol> symbols;
    private final Map<Integer, Section> relocationSections = new HashMap<>();

    private ElfFile(String file, Bytes bytes, List<Section> sections, List<Symbol> symbols) {
        this.file = file;
        this.bytes = bytes;
        this.sections = sections;
        this.symbols = symbols;
        for (Section s : sections) {
            if (s.type() == SHT_REL || s.type() == SHT_RELA) {
                relocationSections.put(s.info(), s);
            }
        }
    }

    static ElfFile parse(String file, byte[] data) {
        Bytes b = new Bytes(data, 0, data.length, file, HEADER);
        checkHeader(b);
        List<Section> sections = readSections(file, data, b);
        List<Symbol> symbols = readSymbols(file, sections);
        return new ElfFile(file, b, sections, symbols);
    }

    ElfFormatException error(Section s, long offset, String reason) {
        return new ElfFormatException(file, s.name(), offset, reason);
    }

    private static void checkHeader(Bytes b) {
        if (b.length() < 64) {
            throw b.error(0, "the file is " + b.length() + " bytes long, too short for an ELF64 header (64 bytes)");
        }
        if (b.u8(0) != 0x7f || b.u8(1) != 'E' || b.u8(2) != 'L' || b.u8(3) != 'F') {
            throw b.error(0, "not an ELF file (the first four bytes are not 7f 45 4c 46)");
        }
        if (b.u8(4) != 2) {
            throw b.error(4, b.u8(4) == 1 ? "an ELF32 object; BPF objects are ELF64 (clang -target bpf)"
                    : "unknown ELF class " + b.u8(4) + " (2 is ELF64)");
        }
        if (b.u8(5) != 1) {
            throw b.error(5, b.u8(5) == 2 ? "a big-endian object (clang -target bpfeb); ExtOS reads little-endian BPF (-target bpf or bpfel)"
                    : "unknown data encoding " + b.u8(5) + " (1 is little-endian)");
        }
        if (b.u8(6) != 1) {
            throw b.error(6, "unknown ELF version " + b.u8(6));
        }
        if (b.u16(16) != 1) {
            throw b.error(16, "ELF type " + b.u16(16) + " is not a relocatable object (1); give the .o that clang -c produces");
        }
        if (b.u16(18) != EM_BPF) {
            throw b.error(18, "machine " + b.u16(18) + " is not BPF (" + EM_BPF + "); compile with clang -target bpf");
        }
        if (b.u16(0x3a) != 64) {
            throw b.error(0x3a, "section header entries are " + b.u16(0x3a) + " bytes, ELF64 has 64");
        }
    }

    private static List<Section> readSections(String file, byte[] data, Bytes header) {
        long shoff = header.i64(0x28);
        int count = header.u16(0x3c);
        int namesIndex = header.u16(0x3e);
        if (count == 0 || count >= MAX_SECTIONS) {
            throw header.error(0x3c, "the object declares " + count + " sections (extended section numbering is not supported)");
        }
        if (shoff < 0 || shoff > data.length || (long) count * 64 > data.length - shoff) {
            throw header.error(0x28, "the section header table (" + count + " entries at 0x" + Long.toHexString(shoff)
                    + ") lies past the end of the " + data.length + "-byte file");
        }
        Bytes table = new Bytes(data, (int) shoff, count * 64, file, SECTION_HEADERS);
        if (namesIndex == 0 || namesIndex >= count) {
            throw header.error(0x3e, "the section name table index " + namesIndex + " is not one of the " + count + " sections");
        }
        Bytes names = contents(file, data, table, namesIndex, "section name table");
        List<Section> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long h = i * 64L;
            String name = i == 0 ? "" : names.cString(table.u32(h));
            int type = table.i32(h + 4);
            long flags = table.i64(h + 8);
            long size = table.i64(h + 0x20);
            int link = table.i32(h + 0x28);
            int info = table.i32(h + 0x2c);
            long entrySize = table.i64(h + 0x38);
            String shown = name.isEmpty() ? "#" + i : name;
            Bytes contents = type == SHT_NOBITS || i == 0
                    ? new Bytes(new byte[0], 0, 0, file, shown) : contents(file, data, table, i, shown);
            if (type == SHT_NOBITS && (size < 0 || size > Integer.MAX_VALUE - 8)) {
                throw table.error(h + 0x20, "section " + name + " declares " + size + " bytes, more than a BPF object can use");
            }
            out.add(new Section(i, name, type, flags, size, link, info, entrySize, contents));
        }
        return List.copyOf(out);
    }

    private static Bytes contents(String file, byte[] data, Bytes table, int index, String name) {
        long h = index * 64L;
        long offset = table.i64(h + 0x18);
        long size = table.i64(h + 0x20);
        if (offset < 0 || size < 0 || offset > data.length || size > data.length - offset) {
            throw table.error(h + 0x18, "section " + index + " (" + name + "): " + size + " bytes at 0x"
                    + Long.toHexString(offset) + " lie past the end of the " + data.length + "-byte file");
        }
        return new Bytes(data, (int) offset, (int) size, file, name);
    }

    private static List<Symbol> readSymbols(String file, List<Section> sections) {
        Section symtab = null;
        for (Section s : sections) {
            if (s.type() == SHT_SYMTAB) {
                if (symtab != null) {
                    throw new ElfFormatException(file, s.name(), 0, "a second symbol table (only one is allowed)");
                }
                symtab = s;
            }
        }
        if (symtab == null) {
            return List.of();
        }
        if (symtab.link() <= 0 || symtab.link() >= sections.size() || sections.get(symtab.link()).type() != SHT_STRTAB) {
            throw new ElfFormatException(file, symtab.name(), 0, "the symbol table's string table (section "
                    + symtab.link() + ") is not a string table");
        }
        Bytes names = sections.get(symtab.link()).bytes();
        Bytes b = symtab.bytes();
        if (b.length() % 24 != 0) {
            throw b.error(b.length(), "the symbol table is " + b.length() + " bytes, not a whole number of 24-byte entries");
        }
        List<Symbol> out = new ArrayList<>(b.length() / 24);
        for (int i = 0; i < b.length() / 24; i++) {
            long e = i * 24L;
            String name = names.cString(b.u32(e));
            int info = b.u8(e + 4);
            int shndx = b.u16(e + 6);
            if (shndx != SHN_UNDEF && shndx < SHN_LORESERVE && shndx >= sections.size()) {
                throw b.error(e + 6, "symbol " + name + " is in section " + shndx + ", but there are only "
                        + sections.size() + " sections");
            }
            out.add(new Symbol(i, name, info & 0xf, info >>> 4, shndx, b.i64(e + 8), b.i64(e + 16)));
        }
        return List.copyOf(out);
    }

    Section section(String name) {
        for (Section s : sections) {
            if (s.name().equals(name) && s.index() != 0) {
                return s;
            }
        }
        return null;
    }

    /** The symbols defined in section {@code index}, of type {@code type}, in address order. */
    List<Symbol> symbolsIn(int index, int type) {
        List<Symbol> out = new ArrayList<>();
        for (Symbol s : symbols) {
            if (s.sectionIndex() == index && s.type() == type) {
                out.add(s);
            }
        }
        out.sort(java.util.Comparator.comparingLong(Symbol::value));
        return out;
    }

    /** The relocations that patch section {@code target}, keyed by the byte offset they patch. */
    Map<Long, Relocation> relocationsFor(Section target) {
        Section rel = relocationSections.get(target.index());
        Map<Long, Relocation> out = new HashMap<>();
        if (rel == null) {
            return out;
        }
        if (rel.type() == SHT_RELA) {
            throw error(rel, 0, "RELA relocations are not used by BPF objects; expected REL");
        }
        Bytes b = rel.bytes();
        if (b.length() % 16 != 0) {
            throw b.error(b.length(), "the relocation table is " + b.length() + " bytes, not a whole number of 16-byte entries");
        }
        for (long e = 0; e < b.length(); e += 16) {
            long offset = b.i64(e);
            long info = b.i64(e + 8);
            long symbolIndex = info >>> 32;
            if (symbolIndex >= symbols.size()) {
                throw b.error(e + 8, "the relocation at 0x" + Long.toHexString(offset) + " of " + target.name()
                        + " names symbol " + symbolIndex + ", but the symbol table has " + symbols.size());
            }
            if (offset < 0 || offset >= target.size()) {
                throw b.error(e, "the relocation patches offset 0x" + Long.toHexString(offset) + ", outside "
                        + target.name() + " (" + target.size() + " bytes)");
            }
            if (out.put(offset, new Relocation(offset, (int) info, symbols.get((int) symbolIndex), e)) != null) {
                throw b.error(e, "two relocations patch offset 0x" + Long.toHexString(offset) + " of " + target.name());
            }
        }
        return out;
    }
}
