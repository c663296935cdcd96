package dev.extos.verifier.engine;

import dev.extos.isa.Instruction;
import dev.extos.isa.Program;
import dev.extos.isa.Size;
import dev.extos.verifier.ContextField;
import dev.extos.verifier.FieldKind;
import dev.extos.verifier.InstructionFacts;
import dev.extos.verifier.ProgramType;
import dev.extos.verifier.RegionKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites each 4-byte load of a context pointer field ({@code data}, {@code data_end}, ...) into
 * an 8-byte load of the field's 64-bit slot in the host's context ({@link ProgramType#pointerSlot}),
 * as the kernel rewrites context accesses after verification. The facts say which field each
 * load reads on every path; every instruction keeps its slot, so jumps and facts stay valid.
 */
final class ContextLowering {
    private ContextLowering() {
    }

    /** The program with its pointer-field loads lowered (the same object when there are none). */
    static Program apply(Program program, ProgramType type, InstructionFacts facts) {
        boolean pointerFields = type.context().stream().anyMatch(f -> f.kind() != FieldKind.SCALAR);
        if (!pointerFields) {
            return program;
        }
        List<Instruction> out = new ArrayList<>(program.instructions().size());
        boolean changed = false;
        for (int pc : program.startSlots()) {
            Instruction insn = program.at(pc);
            if (insn instanceof Instruction.Load l && facts.region(pc) == RegionKind.CONTEXT) {
                Instruction lowered = lower(pc, l, type, facts.contextField(pc));
                changed |= lowered != l;
                insn = lowered;
            }
            out.add(insn);
        }
        return changed ? Program.of(out) : program;
    }

    private static Instruction lower(int pc, Instruction.Load l, ProgramType type, int fieldOffset) {
        if (fieldOffset < 0) {
            return l;  // different scalar fields on different paths: the explorer refuses mixing in a pointer field
        }
        ContextField f = type.fieldAt(fieldOffset);
        if (f.kind() == FieldKind.SCALAR) {
            return l;
        }
        // The base register points at (field offset - instruction offset) in the context on every path.
        long offset = (long) l.offset() + type.pointerSlot(f.name()) - f.offset();
        if (offset > Short.MAX_VALUE) {
            throw new VerifyError(pc, "context field " + f.name() + " cannot be lowered: its slot is out of reach");
        }
        return new Instruction.Load(Size.DW, false, l.dst(), l.src(), (int) offset);
    }
}
