package dev.extos.isa.elf;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An object's type information in the form the Linux kernel takes it: the {@code .BTF} blob for
 * BPF_BTF_LOAD (with the data-section sizes and variable offsets filled in, which clang leaves at
 * zero for the loader to supply), the key and value types of each map, and per program the
 * function and line records for BPF_PROG_LOAD, already moved to the linked program's slots.
 *
 * @param blob     the BTF section, ready for BPF_BTF_LOAD
 * @param maps     the BTF key and value type ids by map name (only maps whose definition names them)
 * @param programs function and line records by program (entry function) name
 */
public record ObjectBtf(byte[] blob, Map<String, MapTypes> maps, Map<String, ProgramRecords> programs) {
    public ObjectBtf {
        blob = blob.clone();
        maps = Map.copyOf(maps);
        programs = Map.copyOf(programs);
    }

    @Override
    public byte[] blob() {
        return blob.clone();
    }

    /** A map's key and value type ids in {@link #blob()}; 0 means "not described" (the kernel accepts that for the key of an array). */
    public record MapTypes(int keyTypeId, int valueTypeId) {
    }

    /** One function of a linked program: it starts at {@code slot} and has BTF FUNC type {@code typeId}. */
    public record FunctionRecord(int slot, int typeId) {
    }

    /**
     * One line record as the kernel reads {@code struct bpf_line_info}: the instruction at
     * {@code slot} came from a line whose file name and text are strings at the given offsets of
     * the blob's string table; {@code lineColumn} is the line number shifted left by 10 plus the column.
     */
    public record LineRecord(int slot, int fileNameOffset, int lineOffset, int lineColumn) {
    }

    /** The function and line records of one program, in slot order, with no two at one slot. */
    public record ProgramRecords(List<FunctionRecord> functions, List<LineRecord> lines) {
        public ProgramRecords {
            functions = List.copyOf(Objects.requireNonNull(functions));
            lines = List.copyOf(Objects.requireNonNull(lines));
        }
    }
}
