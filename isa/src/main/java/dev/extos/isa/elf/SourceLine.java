package dev.extos.isa.elf;

/**
 * A line of the C source that an instruction came from, as clang recorded it in BTF line info.
 *
 * @param file   the source file name as given to the compiler
 * @param line   the line number, from 1
 * @param column the column, from 1 (0 when unknown)
 * @param text   the text of that line (empty when the compiler did not record it)
 */
public record SourceLine(String file, int line, int column, String text) {
    @Override
    public String toString() {
        return file + ":" + line + (column > 0 ? ":" + column : "") + (text.isEmpty() ? "" : ": " + text.strip());
    }
}
