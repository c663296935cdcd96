package dev.extos.vm.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** Finds the bpf_conformance suite in ../shared, where it is read in place; missing is a failure, never a skip. */
public final class ConformanceSuite {
    private ConformanceSuite() {
    }

    /** The suite's tests folder. */
    public static Path testsDirectory() {
        String configured = System.getProperty("extos.shared");
        Path shared = configured != null ? Paths.get(configured) : null;
        if (shared == null || !Files.isDirectory(shared)) {
            // Walk up from the working directory to the folder that has shared/ beside the checkout.
            for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("shared/conformance"))) {
                    shared = p.resolve("shared");
                    break;
                }
            }
        }
        Path tests = shared == null ? null : shared.resolve("conformance/bpf_conformance/tests");
        if (tests == null || !Files.isDirectory(tests)) {
            throw new IllegalStateException("the conformance suite was not found: expected ../shared/conformance/bpf_conformance/tests"
                    + " beside the checkout (system property extos.shared=" + configured + ")");
        }
        return tests;
    }

    /** The positive cases: every .data file directly in the tests folder. */
    public static List<Path> positiveCases() {
        return list(testsDirectory());
    }

    /** The cases that must be rejected. */
    public static List<Path> negativeCases() {
        return list(testsDirectory().resolve("negative"));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".data")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
