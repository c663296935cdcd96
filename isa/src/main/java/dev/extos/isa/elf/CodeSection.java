package dev.extos.isa.elf;

import dev.extos.isa.elf.ElfFile.Relocation;
import dev.extos.isa.elf.ElfFile.Section;
import dev.extos.isa.elf.ElfFile.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An executable section as raw instruction words, cut into the functions its symbols define. */
final class CodeSection {
    /** A function: {@code slotCount} slots of {@code section} from {@code startSlot}. */
    record Function(CodeSection section, String name, int startSlot, int slotCount) {
        boolean contains(int slot) {
            return slot >= startSlot && slot < startSlot + slotCount;
        }
    }

    final Section section;
    final long[] words;
    final Map<Long, Relocation> relocations;
    final List<Function> functions;

    CodeSection(ElfFile elf, Section section) {
        this.section = section;
        Bytes b = section.bytes();
        if (b.length() % 8 != 0) {
            throw b.error(b.length(), "code section " + section.name() + " is " + b.length()
                    + " bytes, not a whole number of 8-byte instructions");
        }
        this.words = new long[b.length() / 8];
        for (int i = 0; i < words.length; i++) {
            words[i] = b.i64(i * 8L);
        }
        this.relocations = elf.relocationsFor(section);
        for (Relocation r : relocations.values()) {
            if (r.type() != ProgramLinker.R_BPF_NONE && r.type() != ProgramLinker.R_BPF_64_64
                    && r.type() != ProgramLinker.R_BPF_64_32) {
                throw b.error(r.offset(), "unknown relocation type " + r.type() + " against '" + r.symbol().name()
                        + "' (code sections use R_BPF_64_64 for lddw and R_BPF_64_32 for calls)");
            }
            if (r.offset() % 8 != 0) {
                throw b.error(r.offset(), "a relocation patches offset 0x" + Long.toHexString(r.offset())
                        + ", which is not the start of an instruction");
            }
        }
        this.functions = cut(elf);
    }

    String name() {
        return section.name();
    }

    private List<Function> cut(ElfFile elf) {
        List<Symbol> symbols = elf.symbolsIn(section.index(), ElfFile.STT_FUNC);
        List<Function> out = new ArrayList<>();
        if (symbols.isEmpty()) {
            if (words.length > 0) {
                out.add(new Function(this, section.name(), 0, words.length));
            }
            return List.copyOf(out);
        }
        for (int i = 0; i < symbols.size(); i++) {
            Symbol s = symbols.get(i);
            if (s.value() % 8 != 0 || s.value() < 0 || s.value() >= section.size()) {
                throw section.bytes().error(s.value(), "function " + s.name() + " starts at 0x" + Long.toHexString(s.value())
                        + ", not at an instruction of " + section.name() + " (" + section.size() + " bytes)");
            }
            long end = s.size() > 0 ? s.value() + s.size()
                    : i + 1 < symbols.size() ? symbols.get(i + 1).value() : section.size();
            if (s.size() < 0 || s.size() % 8 != 0 || end > section.size() || end <= s.value()) {
                throw section.bytes().error(s.value(), "function " + s.name() + " (" + s.size() + " bytes at 0x"
                        + Long.toHexString(s.value()) + ") does not fit in " + section.name() + " (" + section.size() + " bytes)");
            }
            out.add(new Function(this, s.name(), (int) (s.value() / 8), (int) ((end - s.value()) / 8)));
        }
        return List.copyOf(out);
    }

    /** The function that holds {@code slot}, or null. */
    Function functionAt(int slot) {
        for (Function f : functions) {
            if (f.contains(slot)) {
                return f;
            }
        }
        return null;
    }
}
