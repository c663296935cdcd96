package dev.extos.vm.helpers;

import dev.extos.verifier.HelperCatalog;
import dev.extos.vm.AddressSpace;
import dev.extos.vm.Helper;
import dev.extos.vm.MemoryFault;
import dev.extos.vm.TraceLog;
import dev.extos.vm.maps.Cpus;
import dev.extos.vm.maps.Errno;
import dev.extos.vm.maps.MapHelpers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Every helper of {@link HelperCatalog} with its implementation; trace_printk writes to the given log. */
public final class StandardHelpers {
    private StandardHelpers() {
    }

    /** The standard helpers, in catalog order. */
    public static List<Helper> all(TraceLog trace) {
        List<Helper> all = new ArrayList<>(MapHelpers.all());
        all.add(new Helper(HelperCatalog.KTIME_GET_NS, (m, a, b, c, d, e) -> System.nanoTime()));
        all.add(new Helper(HelperCatalog.GET_PRANDOM_U32, (m, a, b, c, d, e) -> ThreadLocalRandom.current().nextInt() & 0xffffffffL));
        all.add(new Helper(HelperCatalog.GET_SMP_PROCESSOR_ID, (m, a, b, c, d, e) -> Cpus.current()));
        all.add(new Helper(HelperCatalog.TRACE_PRINTK, (m, fmt, size, a, b, c) -> tracePrintk(trace, m, fmt, size, a, b, c)));
        all.add(new Helper(HelperCatalog.FIND_BYTE, (m, buf, len, v, d, e) -> ByteHelpers.findByte(m, buf, len, v)));
        all.add(new Helper(HelperCatalog.FIND, (m, buf, len, n, nl, e) -> ByteHelpers.find(m, buf, len, n, nl)));
        all.add(new Helper(HelperCatalog.MEMCMP, (m, a, al, b, bl, e) -> ByteHelpers.memcmp(m, a, al, b, bl)));
        all.add(new Helper(HelperCatalog.PARSE_U64, (m, buf, len, base, res, e) -> ByteHelpers.parseU64(m, buf, len, base, res)));
        all.add(new Helper(HelperCatalog.HASH, (m, buf, len, seed, d, e) -> ByteHelpers.hash(m, buf, len, seed)));
        return all;
    }

    /** Returns the bytes written, or -EINVAL for a format the kernel refuses. */
    private static long tracePrintk(TraceLog trace, AddressSpace memory, long fmt, long size, long a, long b, long c) {
        if (size <= 0 || size > TracePrintk.MAX_FORMAT) {
            return -Errno.EINVAL;
        }
        String text;
        try {
            text = TracePrintk.format(memory, memory.read(fmt, (int) size), new long[] {a, b, c});
        } catch (MemoryFault e) {
            throw new MemoryFault("trace_printk: " + e.getMessage());
        }
        if (text == null) {
            return -Errno.EINVAL;
        }
        trace.append(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        return text.length();
    }
}
