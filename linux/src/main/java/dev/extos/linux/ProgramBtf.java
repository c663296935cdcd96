package dev.extos.linux;

import dev.extos.isa.elf.ObjectBtf;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What BPF_PROG_LOAD takes besides the instructions for the kernel to know the program's C
 * functions and lines: the loaded BTF's fd and the function and line records.
 */
record ProgramBtf(int btfFd, ObjectBtf.ProgramRecords records) {
    /** {@code struct bpf_func_info}: insn_off, type_id. */
    private static final int FUNC_RECORD = 8;
    /** {@code struct bpf_line_info}: insn_off, file_name_off, line_off, line_col. */
    private static final int LINE_RECORD = 16;

    /** Fills prog_btf_fd, func_info* and line_info* of a PROG_LOAD attr, with the records in {@code arena}. */
    void write(Arena arena, MemorySegment attr) {
        attr.set(ValueLayout.JAVA_INT, 72, btfFd);                     // prog_btf_fd
        if (records.functions().isEmpty()) {
            return; // the kernel takes line info only together with function info
        }
        MemorySegment funcs = arena.allocate((long) FUNC_RECORD * records.functions().size(), 8);
        for (int i = 0; i < records.functions().size(); i++) {
            ObjectBtf.FunctionRecord f = records.functions().get(i);
            funcs.set(ValueLayout.JAVA_INT, i * (long) FUNC_RECORD, f.slot());
            funcs.set(ValueLayout.JAVA_INT, i * (long) FUNC_RECORD + 4, f.typeId());
        }
        attr.set(ValueLayout.JAVA_INT, 76, FUNC_RECORD);               // func_info_rec_size
        attr.set(ValueLayout.JAVA_LONG, 80, funcs.address());          // func_info
        attr.set(ValueLayout.JAVA_INT, 88, records.functions().size()); // func_info_cnt
        if (records.lines().isEmpty()) {
            return;
        }
        MemorySegment lines = arena.allocate((long) LINE_RECORD * records.lines().size(), 8);
        for (int i = 0; i < records.lines().size(); i++) {
            ObjectBtf.LineRecord l = records.lines().get(i);
            long at = i * (long) LINE_RECORD;
            lines.set(ValueLayout.JAVA_INT, at, l.slot());
            lines.set(ValueLayout.JAVA_INT, at + 4, l.fileNameOffset());
            lines.set(ValueLayout.JAVA_INT, at + 8, l.lineOffset());
            lines.set(ValueLayout.JAVA_INT, at + 12, l.lineColumn());
        }
        attr.set(ValueLayout.JAVA_INT, 92, LINE_RECORD);               // line_info_rec_size
        attr.set(ValueLayout.JAVA_LONG, 96, lines.address());          // line_info
        attr.set(ValueLayout.JAVA_INT, 104, records.lines().size());   // line_info_cnt
    }
}
