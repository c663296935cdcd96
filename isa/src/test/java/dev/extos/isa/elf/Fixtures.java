package dev.extos.isa.elf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** The committed clang objects in fixtures/bpf; a missing folder is an error, never a skip. */
final class Fixtures {
    private Fixtures() {
    }

    /** fixtures/bpf, from system property extos.fixtures or by walking up to a folder holding fixtures/bpf. */
    static Path directory() {
        String configured = System.getProperty("extos.fixtures");
        if (configured != null && Files.isDirectory(Paths.get(configured, "bpf"))) {
            return Paths.get(configured, "bpf");
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("fixtures/bpf"))) {
                return p.resolve("fixtures/bpf");
            }
        }
        throw new IllegalStateException("fixtures/bpf not found: set -Dextos.fixtures to the fixtures folder (was "
                + configured + ") or run from below the checkout");
    }

    static Path path(String name) {
        return directory().resolve(name + ".o");
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BpfObject load(String name) {
        return ElfLoader.load(path(name));
    }

    /** The names of every committed object, sorted. */
    static List<String> all() {
        try (Stream<Path> s = Files.list(directory())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".o"))
                    .map(n -> n.substring(0, n.length() - 2)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
