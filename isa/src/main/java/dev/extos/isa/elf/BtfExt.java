package dev.extos.isa.elf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The line-info part of {@code .BTF.ext}: for each code section, source lines by byte offset. */
final class BtfExt {
    /** A line record: the instruction at {@code byteOffset} of its section came from {@code line}. */
    record LineRecord(long byteOffset, SourceLine line) {
    }

    private static final int MIN_RECORD = 16;

    private BtfExt() {
    }

    static Map<String, List<LineRecord>> lineInfo(Bytes section, Btf btf) {
        if (section.u16(0) != Btf.MAGIC) {
            throw section.error(0, "bad BTF.ext magic 0x" + Integer.toHexString(section.u16(0)) + " (expected 0xeb9f)");
        }
        if (section.u8(2) != 1) {
            throw section.error(2, "BTF.ext version " + section.u8(2) + " is not supported (1)");
        }
        int headerLength = section.size32(4, "BTF.ext header length");
        if (headerLength < 24) {
            throw section.error(4, "BTF.ext header length " + headerLength + " is shorter than 24 bytes");
        }
        long lineOff = section.u32(16);
        long lineLen = section.u32(20);
        Map<String, List<LineRecord>> out = new HashMap<>();
        if (lineLen == 0) {
            return out;
        }
        Bytes b = section.sub(headerLength + lineOff, lineLen, section.region() + " line info");
        int recordSize = b.size32(0, "line info record size");
        if (recordSize < MIN_RECORD) {
            throw b.error(0, "line info records of " + recordSize + " bytes are shorter than the 16 bytes they hold");
        }
        long p = 4;
        while (p < b.length()) {
            String sectionName = btf.string(b.u32(p));
            long count = b.u32(p + 4);
            p += 8;
            if (count * recordSize > b.length() - p) {
                throw b.error(p - 4, count + " line records of " + sectionName + " run past the end of the line info");
            }
            List<LineRecord> records = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++, p += recordSize) {
                String file = btf.string(b.u32(p + 4));
                String text = btf.string(b.u32(p + 8));
                long lineCol = b.u32(p + 12);
                records.add(new LineRecord(b.u32(p), new SourceLine(file, (int) (lineCol >>> 10), (int) (lineCol & 0x3ff), text)));
            }
            out.computeIfAbsent(sectionName, k -> new ArrayList<>()).addAll(records);
        }
        return out;
    }
}
