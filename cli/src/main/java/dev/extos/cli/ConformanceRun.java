package dev.extos.cli;

import dev.extos.isa.ExtosException;
import dev.extos.vm.Engine;
import dev.extos.vm.conformance.ConformanceCase;
import dev.extos.vm.conformance.ConformanceOutcome;
import dev.extos.vm.conformance.ConformanceRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs bpf_conformance {@code .data} cases and prints one PASS/FAIL line each, then the totals.
 * Cases in a directory named {@code negative} are the suite's must-reject cases: they pass when
 * the program is rejected or does not give the result the file claims, as in the suite's own runner.
 */
final class ConformanceRun {
    private static final String NEGATIVE = "negative";

    private final ConformanceRunner runner;
    private final PrintWriter out;

    ConformanceRun(Engine engine, PrintWriter out) {
        this.runner = new ConformanceRunner(engine);
        this.out = out;
    }

    /** Runs every case the arguments name; returns the exit status (0 when none failed). */
    int run(List<String> arguments) {
        // Resolve everything first, so a mistyped path fails before any case runs.
        List<Path> cases = new ArrayList<>();
        for (String argument : arguments) {
            cases.addAll(expand(argument));
        }
        int passed = 0;
        int failed = 0;
        for (Path file : cases) {
            Verdict v = verdict(file);
            out.println(v.line());
            if (v.passed()) {
                passed++;
            } else {
                failed++;
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** The cases one argument names: the file itself, or a directory's direct .data files in order. */
    private static List<Path> expand(String argument) {
        Path path = Path.of(argument);
        if (Files.isDirectory(path)) {
            try (Stream<Path> listing = Files.list(path)) {
                List<Path> found = listing.filter(p -> isCase(p) && Files.isRegularFile(p)).sorted().toList();
                if (found.isEmpty()) {
                    throw new ExtosException(argument + ": no .data files in this directory");
                }
                return found;
            } catch (IOException e) {
                throw new ExtosException("cannot list " + argument + ": " + Inputs.reason(e), e);
            }
        }
        if (!Files.exists(path)) {
            throw new ExtosException(argument + ": no such file or directory");
        }
        if (!isCase(path)) {
            throw new ExtosException(argument + ": not something extos run knows: expected a conformance case (.data),"
                    + " a directory of them, or a program (.s, .asm, .bin, .hex)");
        }
        return List.of(path);
    }

    private static boolean isCase(Path p) {
        return p.getFileName().toString().endsWith(".data");
    }

    private static boolean isNegative(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals(NEGATIVE);
    }

    /** Whether one case passed, and the line that says so. */
    private record Verdict(boolean passed, String line) {
        static Verdict pass(String name) {
            return new Verdict(true, "PASS " + name);
        }

        static Verdict fail(String line) {
            return new Verdict(false, line);
        }
    }

    private Verdict verdict(Path file) {
        boolean negative = isNegative(file);
        String name = (negative ? NEGATIVE + "/" : "") + file.getFileName();
        ConformanceCase c;
        try {
            c = ConformanceCase.read(file);
        } catch (ExtosException e) {
            // A malformed file is exactly what a must-reject case may be.
            return negative ? Verdict.pass(name) : Verdict.fail("FAIL " + name + ": " + e.getMessage());
        }
        ConformanceOutcome outcome = runner.run(c);
        if (negative) {
            return outcome.isRejection() ? Verdict.pass(name) : Verdict.fail("FAIL " + name + ": expected a rejection, got " + outcome.actual());
        }
        return outcome.passed() ? Verdict.pass(name) : Verdict.fail(outcome.describe());
    }
}
