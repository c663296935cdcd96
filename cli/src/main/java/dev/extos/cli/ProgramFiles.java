package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.isa.Program;
import dev.extos.isa.asm.Assembler;
import dev.extos.isa.asm.AssemblyException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Loads programs from files, reporting errors with the file name (and line and column for assembly). */
final class ProgramFiles {
    private ProgramFiles() {
    }

    /** Whether {@code name} names a program by its extension: {@code .s}, {@code .asm}, {@code .bin} or {@code .hex}. */
    static boolean isProgram(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".s") || lower.endsWith(".asm") || RawFormat.fromName(name) != null;
    }

    /** The program in file {@code name}: assembly text for {@code .s}/{@code .asm}, raw bytes otherwise. */
    static Program load(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".s") || lower.endsWith(".asm")) {
            return assemble(Inputs.readText(name), name);
        }
        RawFormat format = RawFormat.fromName(name);
        if (format == null) {
            throw new ExtosException(name + ": not a program file: expected .s or .asm (assembly), .bin (raw bytes)"
                    + " or .hex (raw bytes as hex text)");
        }
        return raw(Inputs.readBytes(name), format, name);
    }

    /** The program whose raw bytes are {@code content} written in {@code format}. */
    static Program raw(byte[] content, RawFormat format, String name) {
        String source = Inputs.displayName(name);
        byte[] bytes = format == RawFormat.hex
                ? Hex.parse(new String(content, StandardCharsets.ISO_8859_1), source)
                : content;
        try {
            return Program.decode(bytes);
        } catch (ExtosException e) {
            throw new ExtosException(source + ": " + e.getMessage(), e);
        }
    }

    /** Assembles {@code text}; an error names {@code name}:line:column and shows the line with a caret under the column. */
    static Program assemble(String text, String name) {
        try {
            return Assembler.assemble(text);
        } catch (AssemblyException e) {
            String source = Inputs.displayName(name);
            throw new ExtosException(source + ":" + e.line() + ":" + e.column() + ": " + e.reason()
                    + excerpt(text, e.line(), e.column()), e);
        }
    }

    /** The offending line and a caret under the column, or nothing when the line cannot be found. */
    private static String excerpt(String text, int line, int column) {
        String[] lines = text.split("\r?\n", -1);
        if (line < 1 || line > lines.length) {
            return "";
        }
        String source = lines[line - 1];
        StringBuilder caret = new StringBuilder();
        // Keep tabs as tabs so the caret lines up with the source however the terminal expands them.
        for (int i = 0; i < column - 1 && i < source.length(); i++) {
            caret.append(source.charAt(i) == '\t' ? '\t' : ' ');
        }
        for (int i = source.length(); i < column - 1; i++) {
            caret.append(' ');
        }
        return "\n    " + source + "\n    " + caret + "^";
    }
}
