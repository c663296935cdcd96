package dev.extos.vm.conformance;

/**
 * The result of running one conformance case: whether it passed, and what was expected and
 * seen, each either {@code 0x...} (r0) or {@code error: ...}.
 */
public record ConformanceOutcome(String name, boolean passed, String expected, String actual) {
    /** One line for a report: {@code PASS add.data (r0 0x3)} or {@code FAIL x.data: expected ..., got ...}. */
    public String describe() {
        return passed
                ? "PASS " + name + " (" + actual + ")"
                : "FAIL " + name + ": expected " + expected + ", got " + actual;
    }
}
