package dev.extos.cli;

import dev.extos.isa.ExtosException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads command inputs (a file, or {@code -} for stdin) and writes outputs, with errors a user can act on. */
final class Inputs {
    /** The name that stands for standard input. */
    static final String STDIN = "-";

    private Inputs() {
    }

    /** All bytes of {@code name}, or of standard input for {@code -}. */
    static byte[] readBytes(String name) {
        try {
            if (name.equals(STDIN)) {
                return System.in.readAllBytes();
            }
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                throw new ExtosException("cannot read " + name + ": it is a directory, not a file");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ExtosException("cannot read " + displayName(name) + ": " + reason(e), e);
        }
    }

    /**
     * The text of {@code name} as UTF-8. Bytes that are not UTF-8 become U+FFFD rather than an
     * error here, so that the assembler can point at the line and column where they are.
     */
    static String readText(String name) {
        return new String(readBytes(name), StandardCharsets.UTF_8);
    }

    /** Writes {@code bytes} to {@code path}, replacing it. */
    static void write(Path path, byte[] bytes) {
        try {
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new ExtosException("cannot write " + path + ": " + reason(e), e);
        }
    }

    /** How to show {@code name} in a message: "standard input" for {@code -}. */
    static String displayName(String name) {
        return name.equals(STDIN) ? "standard input" : name;
    }

    /** An I/O error as "FILE: reason" in words, without the exception class name. */
    static String describe(IOException e) {
        String file = e instanceof FileSystemException x ? x.getFile() : null;
        return file != null ? file + ": " + reason(e) : reason(e);
    }

    /** Why an I/O operation failed, in words, without the file name. */
    static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file or directory";
            case AccessDeniedException x -> "permission denied";
            case FileSystemException x when x.getReason() != null -> x.getReason().toLowerCase(Locale.ROOT);
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }
}
