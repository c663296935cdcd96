package dev.extos.vm;

/**
 * What a host does between the runs of a batch ({@link Executable#runBatch}): prepares run
 * {@code k}, typically by writing the context of the k-th record. It may write program memory
 * but must not map or remap regions: compiled code fetches the region segments once per batch.
 */
@FunctionalInterface
public interface BatchSetup {
    /** Prepares the memory for run {@code k} (0-based), just before it starts. */
    void beforeRun(int k);
}
