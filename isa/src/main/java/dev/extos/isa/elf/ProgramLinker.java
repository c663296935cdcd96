package dev.extos.isa.elf;

import dev.extos.isa.ExtosException;
import dev.extos.isa.InstructionDecoder;
import dev.extos.isa.InvalidInstructionException;
import dev.extos.isa.Program;
import dev.extos.isa.elf.CodeSection.Function;
import dev.extos.isa.elf.ElfFile.Relocation;
import dev.extos.isa.elf.ElfFile.Section;
import dev.extos.isa.elf.ElfFile.Symbol;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one program the way libbpf does: the entry function, then every subprogram it calls,
 * transitively, each appended once; bpf-to-bpf call offsets are rewritten for the new layout and
 * {@code lddw} relocations become map_fd / map_value loads that index the object's map list.
 */
final class ProgramLinker {
    static final int R_BPF_NONE = 0;
    static final int R_BPF_64_64 = 1;
    static final int R_BPF_64_32 = 10;
    private static final int OP_LDDW = 0x18;
    private static final int OP_CALL = 0x85;
    private static final int PSEUDO_CALL = 1;
    private static final int PSEUDO_MAP_FD = 1;
    private static final int PSEUDO_MAP_VALUE = 2;

    private final ElfFile elf;
    private final ObjectMaps maps;
    private final Map<Integer, CodeSection> code;
    private final Map<String, List<BtfExt.LineRecord>> lines;
    private final Map<String, List<BtfExt.FuncRecord>> functions;
    private final Map<String, ObjectBtf.ProgramRecords> kernelRecords = new LinkedHashMap<>();

    ProgramLinker(ElfFile elf, ObjectMaps maps, Map<Integer, CodeSection> code, BtfExt.Records records) {
        this.elf = elf;
        this.maps = maps;
        this.code = code;
        this.lines = records.lines();
        this.functions = records.functions();
    }

    /** The function and line records of each program linked so far, by entry function name, for the kernel. */
    Map<String, ObjectBtf.ProgramRecords> kernelRecords() {
        return kernelRecords;
    }

    /** Where each function of one program goes: in the order first called, each once. */
    private static final class Layout {
        final Map<Function, Integer> placed = new LinkedHashMap<>();
        final Deque<Function> pending = new ArrayDeque<>();
        int slots;

        int place(Function f) {
            Integer at = placed.get(f);
            if (at == null) {
                at = slots;
                placed.put(f, at);
                pending.add(f);
                slots += f.slotCount();
            }
            return at;
        }
    }

    BpfProgram link(Function entry) {
        Layout layout = new Layout();
        layout.place(entry);
        List<long[]> pieces = new ArrayList<>();
        while (!layout.pending.isEmpty()) {
            Function f = layout.pending.poll();
            pieces.add(relocate(f, layout.placed.get(f), layout));
        }
        long[] words = new long[layout.slots];
        int at = 0;
        for (long[] piece : pieces) {
            System.arraycopy(piece, 0, words, at, piece.length);
            at += piece.length;
        }
        kernelRecords.put(entry.name(), kernelRecords(layout.placed));
        return new BpfProgram(entry.name(), entry.section().name(), decode(words, layout.placed), lineInfo(layout.placed));
    }

    /**
     * The .BTF.ext records moved to the linked layout. The kernel wants one function record per
     * function at its first slot and line records in strictly increasing slot order; when some
     * function has no record, the program gets neither kind (the kernel takes line info only
     * with function info).
     */
    private ObjectBtf.ProgramRecords kernelRecords(Map<Function, Integer> placed) {
        java.util.TreeMap<Integer, ObjectBtf.FunctionRecord> funcs = new java.util.TreeMap<>();
        java.util.TreeMap<Integer, ObjectBtf.LineRecord> lineRecords = new java.util.TreeMap<>();
        for (Map.Entry<Function, Integer> p : placed.entrySet()) {
            Function f = p.getKey();
            int base = p.getValue();
            for (BtfExt.FuncRecord r : functions.getOrDefault(f.section().name(), List.of())) {
                if (r.byteOffset() == f.startSlot() * 8L) {
                    funcs.put(base, new ObjectBtf.FunctionRecord(base, r.typeId()));
                }
            }
            for (BtfExt.LineRecord r : lines.getOrDefault(f.section().name(), List.of())) {
                if (r.byteOffset() % 8 == 0 && f.contains((int) Math.min(Integer.MAX_VALUE, r.byteOffset() / 8))) {
                    int slot = base + (int) (r.byteOffset() / 8) - f.startSlot();
                    lineRecords.put(slot, new ObjectBtf.LineRecord(slot, r.fileNameOffset(), r.lineOffset(), r.lineColumn()));
                }
            }
        }
        if (funcs.size() != placed.size()) {
            return new ObjectBtf.ProgramRecords(List.of(), List.of());
        }
        return new ObjectBtf.ProgramRecords(List.copyOf(funcs.values()), List.copyOf(lineRecords.values()));
    }

    private long[] relocate(Function f, int base, Layout layout) {
        CodeSection cs = f.section();
        long[] out = java.util.Arrays.copyOfRange(cs.words, f.startSlot(), f.startSlot() + f.slotCount());
        for (int i = 0; i < out.length; i++) {
            int slot = f.startSlot() + i;
            long byteOffset = slot * 8L;
            Relocation r = cs.relocations.get(byteOffset);
            if (r != null && r.type() == R_BPF_NONE) {
                r = null;
            }
            int opcode = (int) (out[i] & 0xff);
            int src = (int) ((out[i] >>> 12) & 0xf);
            if (opcode == OP_LDDW) {
                if (i + 1 >= out.length) {
                    throw error(cs, byteOffset, "the lddw at the end of function " + f.name() + " has no second half");
                }
                if (r != null) {
                    resolveLoad(cs, r, out, i);
                }
                i++;
            } else if (opcode == OP_CALL && src == PSEUDO_CALL) {
                int targetSlot;
                CodeSection target;
                int imm = (int) (out[i] >> 32);
                if (r != null) {
                    if (r.type() != R_BPF_64_32) {
                        throw error(cs, byteOffset, "a call carries a relocation of type " + r.type() + " (expected "
                                + R_BPF_64_32 + ", R_BPF_64_32)");
                    }
                    Symbol s = r.symbol();
                    target = s.sectionIndex() >= ElfFile.SHN_LORESERVE ? null : code.get(s.sectionIndex());
                    if (target == null) {
                        throw error(cs, byteOffset, "the call at instruction " + slot + " targets symbol '" + s.name()
                                + "', which is not a function in a code section" + (s.sectionIndex() == ElfFile.SHN_UNDEF
                                ? " (it is undefined: extern functions and kfuncs are not supported)" : ""));
                    }
                    targetSlot = (int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, s.value() / 8 + imm + 1L));
                } else {
                    target = cs;
                    targetSlot = (int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, slot + imm + 1L));
                }
                Function callee = target.functionAt(targetSlot);
                if (callee == null) {
                    throw error(cs, byteOffset, "the call at instruction " + slot + " of " + f.name() + " lands at instruction "
                            + targetSlot + " of " + target.name() + ", which is inside no function");
                }
                int calleeBase = layout.place(callee);
                int newImm = calleeBase + (targetSlot - callee.startSlot()) - (base + i + 1);
                out[i] = (out[i] & 0xffffffffL) | ((long) newImm << 32);
            } else if (r != null) {
                throw error(cs, byteOffset, "a relocation of type " + r.type() + " against '" + r.symbol().name()
                        + "' patches an instruction (opcode 0x" + Integer.toHexString(opcode)
                        + ") that is neither an lddw nor a bpf-to-bpf call");
            }
        }
        return out;
    }

    private void resolveLoad(CodeSection cs, Relocation r, long[] out, int i) {
        long byteOffset = r.offset();
        if (r.type() != R_BPF_64_64) {
            throw error(cs, byteOffset, "an lddw carries a relocation of type " + r.type() + " (expected "
                    + R_BPF_64_64 + ", R_BPF_64_64)");
        }
        Symbol s = r.symbol();
        if (s.sectionIndex() == ElfFile.SHN_UNDEF || s.sectionIndex() >= ElfFile.SHN_LORESERVE) {
            throw error(cs, byteOffset, "the lddw refers to '" + s.name() + "', which is not defined in this object"
                    + " (extern variables, kconfig and ksyms are not supported)");
        }
        Section target = elf.sections.get(s.sectionIndex());
        int addend = (int) (out[i] >> 32);
        int kind;
        int index;
        int offset;
        if (maps.definesMaps(target.index())) {
            Integer map = maps.definedAt(target.index(), s.value());
            if (map == null) {
                throw error(cs, byteOffset, "the lddw refers to '" + s.name() + "' at offset 0x" + Long.toHexString(s.value())
                        + " of " + target.name() + ", where no map is defined");
            }
            kind = PSEUDO_MAP_FD;
            index = map;
            offset = 0;
        } else if (maps.globals().containsKey(target.index())) {
            long at = s.value() + addend;
            if (at < 0 || at > target.size()) {
                throw error(cs, byteOffset, "the lddw refers to offset " + at + " of " + target.name() + " ('" + s.name()
                        + "'), outside its " + target.size() + " bytes");
            }
            kind = PSEUDO_MAP_VALUE;
            index = maps.globals().get(target.index());
            offset = (int) at;
        } else if (target.executable()) {
            throw error(cs, byteOffset, "the lddw takes the address of function '" + s.name()
                    + "' (a callback, as for bpf_loop); function pointers are not supported");
        } else {
            throw error(cs, byteOffset, "the lddw refers to '" + s.name() + "' in section " + target.name()
                    + ", which holds neither maps nor global variables");
        }
        out[i] = (out[i] & 0xffffffffL & ~0xf000L) | ((long) kind << 12) | ((long) index << 32);
        out[i + 1] = (out[i + 1] & 0xffffffffL) | ((long) offset << 32);
    }

    private Program decode(long[] words, Map<Function, Integer> placed) {
        try {
            return InstructionDecoder.decode(words);
        } catch (InvalidInstructionException e) {
            for (Map.Entry<Function, Integer> p : placed.entrySet()) {
                int rel = e.index() - p.getValue();
                if (rel >= 0 && rel < p.getKey().slotCount()) {
                    CodeSection cs = p.getKey().section();
                    throw new ElfFormatException(elf.file, cs.name(), (p.getKey().startSlot() + rel) * 8L,
                            "function " + p.getKey().name() + ": " + e.reason(), e);
                }
            }
            throw new ElfFormatException(elf.file, "?", e.index() * 8L, e.getMessage(), e);
        } catch (ExtosException e) {
            throw new ElfFormatException(elf.file, "?", 0, e.getMessage(), e);
        }
    }

    private LineInfo lineInfo(Map<Function, Integer> placed) {
        Map<Integer, SourceLine> bySlot = new HashMap<>();
        for (Map.Entry<Function, Integer> p : placed.entrySet()) {
            Function f = p.getKey();
            for (BtfExt.LineRecord r : lines.getOrDefault(f.section().name(), List.of())) {
                if (r.byteOffset() % 8 == 0 && f.contains((int) Math.min(Integer.MAX_VALUE, r.byteOffset() / 8))) {
                    bySlot.put(p.getValue() + (int) (r.byteOffset() / 8) - f.startSlot(), r.line());
                }
            }
        }
        return LineInfo.of(bySlot);
    }

    private ElfFormatException error(CodeSection cs, long offset, String reason) {
        return new ElfFormatException(elf.file, cs.name(), offset, reason);
    }
}
