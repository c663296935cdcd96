package dev.extos.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The committed clang objects in fixtures/bpf; a missing folder is an error, never a skip. */
final class Fixtures {
    private Fixtures() {
    }

    /** fixtures/bpf/NAME.o, from system property extos.fixtures or found by walking up from the working directory. */
    static Path object(String name) {
        String configured = System.getProperty("extos.fixtures");
        if (configured != null && !configured.startsWith("${") && Files.isDirectory(Paths.get(configured, "bpf"))) {
            return Paths.get(configured, "bpf", name + ".o");
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("fixtures/bpf"))) {
                return p.resolve("fixtures/bpf").resolve(name + ".o");
            }
        }
        throw new IllegalStateException("fixtures/bpf not found: set -Dextos.fixtures (was " + configured + ")");
    }
}
