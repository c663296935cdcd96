package dev.extos.cli.demo;

/**
 * What one way of doing the job did: records seen and kept, bytes read from the file, bytes
 * handed to the application, bytes delivered (the residual), its CRC-32, and the time taken.
 */
public record PassResult(long records, long kept, long bytesRead, long bytesToApplication, long bytesDelivered,
                         long checksum, long nanos) {
    /** Input throughput in MB/s (10^6 bytes). */
    public double megabytesPerSecond() {
        return nanos == 0 ? 0 : bytesRead * 1e3 / nanos;
    }

    /** The faster of two runs of the same job. */
    public PassResult faster(PassResult other) {
        return other == null || nanos <= other.nanos ? this : other;
    }
}
