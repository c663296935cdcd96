package dev.extos.isa.elf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The function-info and line-info parts of {@code .BTF.ext}: for each code section, records by byte offset. */
final class BtfExt {
    /**
     * A line record: the instruction at {@code byteOffset} of its section came from {@code line};
     * the raw string offsets and line/column word are kept for handing the record to the kernel.
     */
    record LineRecord(long byteOffset, SourceLine line, int fileNameOffset, int lineOffset, int lineColumn) {
    }

    /** A function record: the function starting at {@code byteOffset} of its section has BTF FUNC type {@code typeId}. */
    record FuncRecord(long byteOffset, int typeId) {
    }

    /** Both kinds of record, by code section name. */
    record Records(Map<String, List<FuncRecord>> functions, Map<String, List<LineRecord>> lines) {
        static final Records NONE = new Records(Map.of(), Map.of());
    }

    private static final int MIN_LINE_RECORD = 16;
    private static final int MIN_FUNC_RECORD = 8;

    /** Reads one record at {@code p} of {@code b} for the code section {@code sectionName}. */
    private interface RecordReader<T> {
        T read(Bytes b, long p);
    }

    private BtfExt() {
    }

    static Records read(Bytes section, Btf btf) {
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
        Map<String, List<FuncRecord>> functions = records(section, btf, headerLength, 8, "function info", MIN_FUNC_RECORD,
                (b, p) -> new FuncRecord(b.u32(p), b.i32(p + 4)));
        Map<String, List<LineRecord>> lines = records(section, btf, headerLength, 16, "line info", MIN_LINE_RECORD,
                (b, p) -> {
                    int fileOff = b.i32(p + 4);
                    int lineOff = b.i32(p + 8);
                    int lineCol = b.i32(p + 12);
                    SourceLine line = new SourceLine(btf.string(fileOff & 0xffffffffL), lineCol >>> 10, lineCol & 0x3ff,
                            btf.string(lineOff & 0xffffffffL));
                    return new LineRecord(b.u32(p), line, fileOff, lineOff, lineCol);
                });
        return new Records(functions, lines);
    }

    /** The records of the part whose offset and length are at {@code headerField} of the header, by section name. */
    private static <T> Map<String, List<T>> records(Bytes section, Btf btf, int headerLength, int headerField, String what,
                                                    int minRecord, RecordReader<T> reader) {
        long off = section.u32(headerField);
        long len = section.u32(headerField + 4);
        Map<String, List<T>> out = new HashMap<>();
        if (len == 0) {
            return out;
        }
        Bytes b = section.sub(headerLength + off, len, section.region() + " " + what);
        int recordSize = b.size32(0, what + " record size");
        if (recordSize < minRecord) {
            throw b.error(0, what + " records of " + recordSize + " bytes are shorter than the " + minRecord + " bytes they hold");
        }
        long p = 4;
        while (p < b.length()) {
            String sectionName = btf.string(b.u32(p));
            long count = b.u32(p + 4);
            p += 8;
            if (count * recordSize > b.length() - p) {
                throw b.error(p - 4, count + " " + what + " records of " + sectionName + " run past the end of the " + what);
            }
            List<T> records = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++, p += recordSize) {
                records.add(reader.read(b, p));
            }
            out.computeIfAbsent(sectionName, k -> new ArrayList<>()).addAll(records);
        }
        return out;
    }
}
