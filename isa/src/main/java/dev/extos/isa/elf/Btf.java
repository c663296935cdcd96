package dev.extos.isa.elf;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .BTF} section: its type table and string table, with just enough resolution for a
 * loader (type sizes, following modifiers, reading map definitions). Every kind is parsed so
 * that the table can be walked; malformed entries are an {@link ElfFormatException}.
 */
final class Btf {
    static final int MAGIC = 0xeb9f;
    static final int INT = 1, PTR = 2, ARRAY = 3, STRUCT = 4, UNION = 5, ENUM = 6, FWD = 7, TYPEDEF = 8,
            VOLATILE = 9, CONST = 10, RESTRICT = 11, FUNC = 12, FUNC_PROTO = 13, VAR = 14, DATASEC = 15,
            FLOAT = 16, DECL_TAG = 17, TYPE_TAG = 18, ENUM64 = 19;
    private static final int MAX_CHAIN = 64;

    /** One member of a struct or union, or one variable of a datasec ({@code offset} in bytes there). */
    record Member(String name, int type, long offset) {
    }

    /** One type; {@code sizeOrType} is a size or a referenced type id depending on the kind. */
    record Type(int id, int kind, String name, int sizeOrType, long entryOffset, List<Member> members, int arrayElement,
                long arrayLength) {
    }

    private final Bytes section;
    private final long typesStart;
    private final Bytes types;
    private final Bytes strings;
    private final List<Type> table;

    private Btf(Bytes section, long typesStart, Bytes types, Bytes strings, List<Type> table) {
        this.section = section;
        this.typesStart = typesStart;
        this.types = types;
        this.strings = strings;
        this.table = table;
    }

    static Btf parse(Bytes section) {
        if (section.u16(0) != MAGIC) {
            throw section.error(0, "bad BTF magic 0x" + Integer.toHexString(section.u16(0)) + " (expected 0xeb9f, little-endian)");
        }
        if (section.u8(2) != 1) {
            throw section.error(2, "BTF version " + section.u8(2) + " is not supported (1)");
        }
        int headerLength = section.size32(4, "BTF header length");
        if (headerLength < 24) {
            throw section.error(4, "BTF header length " + headerLength + " is shorter than the 24 bytes it must hold");
        }
        long typeOff = section.u32(8);
        long typeLen = section.u32(12);
        long strOff = section.u32(16);
        long strLen = section.u32(20);
        Bytes types = section.sub(headerLength + typeOff, typeLen, section.region() + " types");
        Bytes strings = section.sub(headerLength + strOff, strLen, section.region() + " strings");
        if (strLen == 0 || strings.u8(0) != 0) {
            throw section.error(16, "the BTF string table must start with an empty string");
        }
        return new Btf(section, headerLength + typeOff, types, strings, readTypes(types, strings));
    }

    private static List<Type> readTypes(Bytes b, Bytes strings) {
        List<Type> out = new ArrayList<>();
        out.add(new Type(0, 0, "void", 0, 0, List.of(), 0, 0));
        long p = 0;
        while (p < b.length()) {
            long start = p;
            String name = strings.cString(b.u32(p));
            int info = b.i32(p + 4);
            int vlen = info & 0xffff;
            int kind = (info >>> 24) & 0x1f;
            int sizeOrType = b.i32(p + 8);
            p += 12;
            List<Member> members = List.of();
            int element = 0;
            long length = 0;
            switch (kind) {
                case INT, VAR, DECL_TAG -> p += 4;
                case PTR, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT, FUNC, FLOAT, TYPE_TAG -> {
                }
                case ARRAY -> {
                    element = b.i32(p);
                    length = b.u32(p + 8);
                    p += 12;
                }
                case STRUCT, UNION -> {
                    checkFits(b, p, vlen, 12);
                    List<Member> m = new ArrayList<>(vlen);
                    boolean bitfields = (info >>> 31) != 0;
                    for (int i = 0; i < vlen; i++, p += 12) {
                        long bits = b.u32(p + 8);
                        m.add(new Member(strings.cString(b.u32(p)), b.i32(p + 4), (bitfields ? bits & 0xffffff : bits) / 8));
                    }
                    members = List.copyOf(m);
                }
                case ENUM, FUNC_PROTO -> {
                    checkFits(b, p, vlen, 8);
                    p += vlen * 8L;
                }
                case ENUM64 -> {
                    checkFits(b, p, vlen, 12);
                    p += vlen * 12L;
                }
                case DATASEC -> {
                    checkFits(b, p, vlen, 12);
                    List<Member> m = new ArrayList<>(vlen);
                    for (int i = 0; i < vlen; i++, p += 12) {
                        m.add(new Member("", b.i32(p), b.u32(p + 4)));
                    }
                    members = List.copyOf(m);
                }
                default -> throw b.error(start, "unknown BTF kind " + kind + " for type " + out.size());
            }
            if (p > b.length()) {
                throw b.error(start, "BTF type " + out.size() + " runs past the end of the type section");
            }
            out.add(new Type(out.size(), kind, name, sizeOrType, start, members, element, length));
        }
        return List.copyOf(out);
    }

    private static void checkFits(Bytes b, long p, int count, int entrySize) {
        if (p + (long) count * entrySize > b.length()) {
            throw b.error(p, count + " entries of " + entrySize + " bytes run past the end of the BTF type section");
        }
    }

    /**
     * The section as the kernel's BPF_BTF_LOAD takes it. clang writes every DATASEC with size 0 and
     * leaves variable offsets for the loader (as libbpf fills them in): each DATASEC gets the size
     * of the ELF section it names and each variable the value of its symbol there, sorted by
     * offset, which the kernel requires. A DATASEC whose section is absent is left as it is.
     */
    byte[] forKernel(ElfFile elf) {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.wrap(section.slice(0, section.length())).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (Type t : table) {
            ElfFile.Section s = t.kind() == DATASEC ? elf.section(t.name()) : null;
            if (s == null) {
                continue;
            }
            int at = (int) (typesStart + t.entryOffset());
            out.putInt(at + 8, (int) s.size());
            List<long[]> vars = new ArrayList<>(); // {type id, offset, size} per variable
            for (int i = 0; i < t.members().size(); i++) {
                int entry = at + 12 + i * 12;
                int varId = out.getInt(entry);
                long offset = out.getInt(entry + 4) & 0xffffffffL;
                String name = varId > 0 && varId < table.size() ? table.get(varId).name() : "";
                for (ElfFile.Symbol symbol : elf.symbols) {
                    if (symbol.sectionIndex() == s.index() && symbol.name().equals(name) && !name.isEmpty()) {
                        offset = symbol.value();
                    }
                }
                vars.add(new long[] {varId, offset, out.getInt(entry + 8) & 0xffffffffL});
            }
            vars.sort(java.util.Comparator.comparingLong(v -> v[1]));
            for (int i = 0; i < vars.size(); i++) {
                int entry = at + 12 + i * 12;
                out.putInt(entry, (int) vars.get(i)[0]).putInt(entry + 4, (int) vars.get(i)[1]).putInt(entry + 8, (int) vars.get(i)[2]);
            }
        }
        return out.array();
    }

    String string(long offset) {
        return strings.cString(offset);
    }

    Type type(int id, String context) {
        if (id < 0 || id >= table.size()) {
            throw types.error(0, context + " refers to BTF type " + (id & 0xffffffffL) + ", but there are only "
                    + (table.size() - 1) + " types");
        }
        return table.get(id);
    }

    /** The datasec named {@code name}, or null. */
    Type datasec(String name) {
        for (Type t : table) {
            if (t.kind() == DATASEC && t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The type after typedefs, qualifiers, type tags and variables are looked through. */
    Type resolve(int id, String context) {
        Type t = type(id, context);
        for (int hops = 0; ; hops++) {
            if (hops > MAX_CHAIN) {
                throw types.error(t.entryOffset(), context + ": BTF type " + id + " is a chain of more than "
                        + MAX_CHAIN + " typedefs or qualifiers (a cycle?)");
            }
            switch (t.kind()) {
                case TYPEDEF, VOLATILE, CONST, RESTRICT, TYPE_TAG, VAR -> t = type(t.sizeOrType(), context);
                default -> {
                    return t;
                }
            }
        }
    }

    /** The size in bytes of type {@code id}, as the C compiler laid it out. */
    long sizeOf(int id, String context) {
        return sizeOf(id, context, 0);
    }

    private long sizeOf(int id, String context, int depth) {
        if (depth > MAX_CHAIN) {
            throw types.error(0, context + ": BTF type " + id + " nests arrays more than " + MAX_CHAIN + " deep (a cycle?)");
        }
        Type t = resolve(id, context);
        return switch (t.kind()) {
            case INT, STRUCT, UNION, ENUM, ENUM64, FLOAT, DATASEC -> t.sizeOrType() & 0xffffffffL;
            case PTR -> 8;
            case ARRAY -> {
                long element = sizeOf(t.arrayElement(), context, depth + 1);
                if (element != 0 && t.arrayLength() > Integer.MAX_VALUE / element) {
                    throw types.error(t.entryOffset(), context + ": an array of " + t.arrayLength() + " elements of "
                            + element + " bytes is too large");
                }
                yield element * t.arrayLength();
            }
            default -> throw types.error(t.entryOffset(), context + ": BTF type " + t.id() + " (kind " + t.kind()
                    + ") has no size");
        };
    }

    ElfFormatException error(Type t, String reason) {
        return types.error(t.entryOffset(), reason);
    }
}
