package dev.extos.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the bpf_conformance suite in the shared folder beside the checkout; missing is a failure, never a skip. */
final class ConformanceSuite {
    private ConformanceSuite() {
    }

    /** The suite's tests folder. */
    static Path tests() {
        String configured = System.getProperty("extos.shared");
        Path shared = configured != null ? Path.of(configured) : null;
        if (shared == null || !Files.isDirectory(shared.resolve("conformance"))) {
            shared = null;
            // Walk up from the working directory to the folder that holds shared/conformance.
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("shared/conformance"))) {
                    shared = p.resolve("shared");
                    break;
                }
            }
        }
        Path tests = shared == null ? null : shared.resolve("conformance/bpf_conformance/tests");
        if (tests == null || !Files.isDirectory(tests)) {
            throw new IllegalStateException("the conformance suite was not found: expected shared/conformance/bpf_conformance/tests"
                    + " beside the checkout (system property extos.shared=" + configured + ")");
        }
        return tests;
    }

    static String file(String name) {
        return tests().resolve(name).toString();
    }
}
