package dev.extos.isa.asm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the bpf_conformance suite's .data files and reads their sections; a missing suite is an error, never a skip. */
final class ConformanceFiles {
    private ConformanceFiles() {
    }

    /** The suite's tests folder, from system property extos.shared or by walking up to a folder holding shared/conformance. */
    static Path testsDirectory() {
        String configured = System.getProperty("extos.shared");
        Path shared = configured != null ? Paths.get(configured) : null;
        if (shared == null || !Files.isDirectory(shared.resolve("conformance"))) {
            shared = null;
            for (Path p = Paths.get("").toAbsolutePath(); p != null && shared == null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("shared/conformance"))) {
                    shared = p.resolve("shared");
                }
            }
        }
        Path tests = shared == null ? null : shared.resolve("conformance/bpf_conformance/tests");
        if (tests == null || !Files.isDirectory(tests)) {
            throw new IllegalStateException("bpf_conformance suite not found: set -Dextos.shared to the shared folder"
                    + " (was " + configured + ") or run from below a folder holding shared/conformance");
        }
        return tests;
    }

    /** The .data files directly in {@code dir} that have an {@code -- asm} section, sorted. */
    static List<Path> withAsm(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".data")).filter(p -> section(p, "asm") != null).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text between the line {@code -- name} and the next line starting with {@code --}, or null if there is none. */
    static String section(Path file, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> body = null;
        for (String line : lines) {
            if (body == null) {
                if (line.strip().equals("-- " + name)) {
                    body = new ArrayList<>();
                }
            } else if (line.startsWith("--")) {
                break;
            } else {
                body.add(line);
            }
        }
        return body == null ? null : String.join("\n", body) + "\n";
    }
}
