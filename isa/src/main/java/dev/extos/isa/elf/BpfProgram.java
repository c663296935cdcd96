package dev.extos.isa.elf;

import dev.extos.isa.Program;
import java.util.Objects;

/**
 * One program of an object, linked and ready to verify: its entry function followed by the
 * {@code .text} subprograms it calls, with map and global-variable loads resolved.
 *
 * @param name    the entry function's symbol, e.g. {@code keep_5xx}
 * @param section the {@code SEC()} name it was compiled into, e.g. {@code xdp} or {@code extos/read};
 *                callers resolve the program type from it ({@code ProgramType.forSection})
 * @param program the instructions; {@code lddw map_fd i} and {@code lddw map_value i} index
 *                {@link BpfObject#maps()}
 * @param lines   the C source line of each instruction, when the object carries BTF line info
 */
public record BpfProgram(String name, String section, Program program, LineInfo lines) {
    public BpfProgram {
        Objects.requireNonNull(name);
        Objects.requireNonNull(section);
        Objects.requireNonNull(program);
        Objects.requireNonNull(lines);
    }

    @Override
    public String toString() {
        return name + " (SEC(\"" + section + "\"), " + program.slotCount() + " instructions)";
    }
}
