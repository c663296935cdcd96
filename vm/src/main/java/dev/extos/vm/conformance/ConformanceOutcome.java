package dev.extos.vm.conformance;

/**
 * The result of running one conformance case: whether it passed, and what was expected and
 * seen, each either {@code 0x...} (r0) or {@code error: ...}.
 */
public record ConformanceOutcome(String name, boolean passed, String expected, String actual) {
    /** True when the case ended in an error (while assembling, decoding, loading or running) rather than with an r0. */
    public boolean raisedError() {
        return actual.startsWith("error: ");
    }

    /**
     * For a case that must be rejected (the suite's negative/ folder): true when it did not give
     * what its file claims, or when it ended in an error as the file expects.
     */
    public boolean isRejection() {
        return !passed || raisedError();
    }

    /** One line for a report: {@code PASS add.data (r0 0x3)} or {@code FAIL x.data: expected ..., got ...}. */
    public String describe() {
        return passed
                ? "PASS " + name + " (" + actual + ")"
                : "FAIL " + name + ": expected " + expected + ", got " + actual;
    }
}
