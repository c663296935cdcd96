package dev.extos.isa.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A test-side view of an ELF64 file, written independently of the loader, to find sections,
 * symbols and relocations by name and patch their bytes in a copy.
 */
final class ElfImage {
    final byte[] bytes;
    private final ByteBuffer b;

    ElfImage(byte[] original) {
        this.bytes = original.clone();
        this.b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    int sectionCount() {
        return b.getShort(0x3c) & 0xffff;
    }

    /** File offset of section header {@code i}. */
    int header(int i) {
        return (int) b.getLong(0x28) + i * 64;
    }

    String sectionName(int i) {
        int names = b.getShort(0x3e) & 0xffff;
        return cString((int) b.getLong(header(names) + 0x18) + b.getInt(header(i)));
    }

    int section(String name) {
        for (int i = 1; i < sectionCount(); i++) {
            if (sectionName(i).equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no section " + name);
    }

    /** File offset of the contents of section {@code name}. */
    int offset(String name) {
        return (int) b.getLong(header(section(name)) + 0x18);
    }

    int size(String name) {
        return (int) b.getLong(header(section(name)) + 0x20);
    }

    int u32(int at) {
        return b.getInt(at);
    }

    int u16(int at) {
        return b.getShort(at) & 0xffff;
    }

    ElfImage put8(int at, int v) {
        bytes[at] = (byte) v;
        return this;
    }

    ElfImage put16(int at, int v) {
        b.putShort(at, (short) v);
        return this;
    }

    ElfImage put32(int at, int v) {
        b.putInt(at, v);
        return this;
    }

    ElfImage put64(int at, long v) {
        b.putLong(at, v);
        return this;
    }

    /** File offset of the symbol table entry of the symbol named {@code name}. */
    int symbol(String name) {
        int symtab = offset(".symtab");
        int strtab = (int) b.getLong(header(b.getInt(header(section(".symtab")) + 0x28)) + 0x18);
        for (int e = symtab; e < symtab + size(".symtab"); e += 24) {
            if (cString(strtab + b.getInt(e)).equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no symbol " + name);
    }

    private String cString(int at) {
        int end = at;
        while (bytes[end] != 0) {
            end++;
        }
        return new String(bytes, at, end - at, StandardCharsets.UTF_8);
    }
}
