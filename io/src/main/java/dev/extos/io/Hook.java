package dev.extos.io;

import dev.extos.verifier.ProgramType;

/** Where in the IO path a program runs; each hook is a program type with a fixed context (see docs/hooks.md). */
public enum Hook {
    /** {@code SEC("extos/read")}: once per record read; 0 drops it, n keeps its first n bytes. */
    READ("extos/read"),
    /** {@code SEC("extos/write")}: once per record written; 0 rejects the record and the write, n keeps its first n bytes. */
    WRITE("extos/write"),
    /** {@code SEC("extos/frame")}: finds the next record's length; 0 needs more bytes, negative is a framing error. */
    FRAME("extos/frame");

    private final String section;

    Hook(String section) {
        this.section = section;
    }

    /** The ELF section name of programs for this hook. */
    public String section() {
        return section;
    }

    /** The verifier's declaration of this hook. */
    public ProgramType programType() {
        return switch (this) {
            case READ -> ProgramType.extosRead();
            case WRITE -> ProgramType.extosWrite();
            case FRAME -> ProgramType.extosFrame();
        };
    }

    /** The hook named {@code name}: {@code read}, {@code write}, {@code frame} or a section name such as {@code extos/read}. */
    public static Hook byName(String name) {
        for (Hook h : values()) {
            if (h.section.equals(name) || h.name().equalsIgnoreCase(name)) {
                return h;
            }
        }
        throw new IllegalArgumentException("no hook '" + name + "' (hooks: read, write, frame)");
    }
}
