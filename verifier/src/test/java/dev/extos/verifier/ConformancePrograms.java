package dev.extos.verifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the bpf_conformance suite's programs from the shared folder beside the checkout. */
final class ConformancePrograms {
    /** One test: its name, its assembly text and the size of its memory section. */
    record Case(String name, String asm, int memorySize) {
    }

    private ConformancePrograms() {
    }

    static Path testsDir() {
        String prop = System.getProperty("extos.shared");
        if (prop != null && Files.isDirectory(Path.of(prop, "conformance"))) {
            return Path.of(prop, "conformance", "bpf_conformance", "tests");
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/conformance"))) {
                return p.resolve("shared/conformance/bpf_conformance/tests");
            }
        }
        throw new IllegalStateException("shared/conformance not found (set -Dextos.shared or run inside the checkout's parent)");
    }

    static List<Case> all() {
        Path dir = testsDir();
        try (Stream<Path> files = Files.list(dir)) {
            List<Case> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".data")).sorted().toList()) {
                out.add(parse(f.getFileName().toString().replace(".data", ""), Files.readAllLines(f)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Case parse(String name, List<String> lines) {
        StringBuilder asm = new StringBuilder();
        int mem = 0;
        String section = "";
        for (String line : lines) {
            if (line.startsWith("--")) {
                section = line.substring(2).trim();
                continue;
            }
            if (section.equals("asm")) {
                asm.append(line).append('\n');
            } else if (section.equals("mem")) {
                String t = line.trim();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    mem += t.split("\\s+").length;
                }
            }
        }
        return new Case(name, asm.toString(), mem);
    }
}
