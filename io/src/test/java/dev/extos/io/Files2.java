package dev.extos.io;

import dev.extos.io.internal.EmbeddedDomain;
import dev.extos.vm.Engines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Helpers shared by the io tests. */
final class Files2 {
    private Files2() {
    }

    /** A JIT domain mapping files {@code window} bytes at a time, so small files cross many windows. */
    static Domain smallWindows(long window) {
        return new EmbeddedDomain(Engines.jit(), window);
    }

    /** Reads the whole file through {@code filter} with a buffer of {@code bufferSize} bytes; returns the bytes delivered. */
    static byte[] readAll(ExtFile file, LoadedFilter filter, ByteBuffer args, int bufferSize) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(bufferSize);
        byte[] all = new byte[0];
        IoStats s;
        do {
            dst.clear();
            s = file.read(dst, filter, args);
            int n = dst.position();
            all = Arrays.copyOf(all, all.length + n);
            System.arraycopy(dst.array(), 0, all, all.length - n, n);
        } while (!s.endOfFile());
        return all;
    }
}
