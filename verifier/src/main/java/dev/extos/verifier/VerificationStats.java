package dev.extos.verifier;

/** How much work verification took: instructions processed, states stored and pruned, time. */
public record VerificationStats(long processedInstructions, int storedStates, int prunedPaths, int maxDepth, long nanos) {
}
