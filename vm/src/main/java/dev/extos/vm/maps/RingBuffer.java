package dev.extos.vm.maps;

import dev.extos.isa.MapSpec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The kernel's BPF ring buffer: max entries is its data size in bytes (a power of two), shared by
 * all producers; programs reserve a record, write it in place and submit or discard it, or copy
 * one in with output; the application consumes records in reservation order.
 *
 * <p>Each record is an 8-byte header and its data, padded to 8 bytes, as in the kernel: the
 * header's first word is the length with a busy bit (31, set from reserve to submit) and a
 * discard bit (30); the second holds the record's offset, which submit checks. The consumer stops
 * at the first busy record, so records become visible in reservation order even when submitted
 * out of order, and skips discarded ones. Where the kernel maps the data area twice so that a
 * record may wrap around the end, this ring pads the end with a discarded record instead, so
 * every record is contiguous in the map's region.
 *
 * <p>Guarantees: any number of threads may produce at once (reservation takes a short lock,
 * submit none); one consumer at a time (drain and poll serialise). A record's bytes are visible
 * to the consumer once submit returns. Space is reclaimed only after the consumer passes it;
 * when full, reserve returns null (0) and output fails with -EAGAIN.
 */
public final class RingBuffer extends BpfMap {
    /** Bit of the header's length word set from reserve to submit or discard. */
    public static final int BUSY_BIT = 1 << 31;
    /** Bit of the header's length word marking a discarded record. */
    public static final int DISCARD_BIT = 1 << 30;
    /** Bytes of a record header. */
    public static final int HEADER_SIZE = 8;
    /** Flag of submit, discard and output: do not wake a waiting consumer. */
    public static final long BPF_RB_NO_WAKEUP = 1;
    /** Flag of submit, discard and output: wake a waiting consumer. */
    public static final long BPF_RB_FORCE_WAKEUP = 2;

    private static final VarHandle WORD = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final long size;
    private final long mask;
    private volatile long producer;
    private volatile long consumer;
    private final Object produceLock = new Object();
    private final Object consumeLock = new Object();
    private final Object signal = new Object();
    private volatile int waiters;

    RingBuffer(MapSpec spec, MapAccount account) {
        int n = spec.maxEntries();
        if (n < 16 || Integer.bitCount(n) != 1 || spec.keySize() != 0 || spec.valueSize() != 0) {
            throw new MapOperationException(spec.name(), "create", Errno.EINVAL, "a ring buffer's max entries is its size in bytes, "
                    + "a power of two of at least 16 (got " + n + "), and it has no keys or values (got key size "
                    + spec.keySize() + ", value size " + spec.valueSize() + ")");
        }
        super(spec, account, n, 0);
        this.size = n;
        this.mask = n - 1;
    }

    @Override
    boolean programWritable() {
        return true;
    }

    /** The ring's data size in bytes. */
    public long capacity() {
        return size;
    }

    /**
     * {@code ringbuf_reserve}: the slab offset of {@code length} bytes for a new busy record, or -1
     * when the ring has no room, the length is 0 or too large, or flags are not 0.
     */
    long reserve(long length, long flags) {
        if (flags != 0 || length <= 0 || length > size - 2 * HEADER_SIZE) {
            return -1;
        }
        long total = HEADER_SIZE + ((length + 7) & ~7L);
        synchronized (produceLock) {
            long at = producer;
            long phys = at & mask;
            long pad = phys + total > size ? size - phys : 0;
            if (at + pad + total - consumer > size) {
                return -1;
            }
            if (pad > 0) {
                slab.set(U32, phys + 4, (int) phys);
                WORD.setVolatile(slab, phys, (int) (pad - HEADER_SIZE) | DISCARD_BIT);
                phys = 0;
            }
            slab.set(U32, phys + 4, (int) phys);
            WORD.setVolatile(slab, phys, (int) length | BUSY_BIT);
            producer = at + pad + total;
            return phys + HEADER_SIZE;
        }
    }

    /**
     * {@code ringbuf_submit} or {@code ringbuf_discard} of the record whose data starts at slab
     * offset {@code data}; false when no busy record starts there (a pointer reserve did not return).
     */
    boolean commit(long data, boolean discard, long flags) {
        long header = data - HEADER_SIZE;
        if (header < 0 || header + HEADER_SIZE > size || (header & 7) != 0) {
            return false;
        }
        int word = (int) WORD.getVolatile(slab, header);
        if ((word & BUSY_BIT) == 0 || slab.get(U32, header + 4) != (int) header) {
            return false;
        }
        WORD.setVolatile(slab, header, (word & ~BUSY_BIT) | (discard ? DISCARD_BIT : 0));
        if (waiters > 0 && (flags & BPF_RB_NO_WAKEUP) == 0) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
        return true;
    }

    /** {@code ringbuf_output}: copies {@code data} into a new record; 0 or -EAGAIN when there is no room, -EINVAL for bad flags. */
    int output(byte[] data, long flags) {
        if ((flags & ~(BPF_RB_NO_WAKEUP | BPF_RB_FORCE_WAKEUP)) != 0) {
            return -Errno.EINVAL;
        }
        long at = reserve(data.length, 0);
        if (at < 0) {
            return data.length == 0 ? -Errno.EINVAL : -Errno.EAGAIN;
        }
        MemorySegment.copy(data, 0, slab, ValueLayout.JAVA_BYTE, at, data.length);
        commit(at, false, flags);
        return 0;
    }

    /** Appends a record from the host (e.g. to test a consumer); throws EAGAIN when there is no room. */
    public void offer(byte[] data) {
        hostResult("output", output(data, 0));
    }

    /**
     * Hands every record submitted so far, in order, to {@code handler} as a read-only segment valid
     * only during the call (read it with the segment's accessors or {@code toArray}; as a slice of
     * an 8-aligned heap slab it cannot be viewed as a ByteBuffer), then frees its space; stops at the first record still being written.
     * Returns the number of records delivered (discarded records are skipped, not counted).
     */
    public int drain(Consumer<MemorySegment> handler) {
        synchronized (consumeLock) {
            int delivered = 0;
            long at = consumer;
            long end = producer;
            while (at < end) {
                long phys = at & mask;
                int word = (int) WORD.getVolatile(slab, phys);
                if ((word & BUSY_BIT) != 0) {
                    break;
                }
                long length = word & (DISCARD_BIT - 1);
                if ((word & DISCARD_BIT) == 0) {
                    handler.accept(slab.asSlice(phys + HEADER_SIZE, length).asReadOnly());
                    delivered++;
                }
                at += HEADER_SIZE + ((length + 7) & ~7L);
                consumer = at;
            }
            return delivered;
        }
    }

    /** Every record submitted so far, copied out, in order. */
    public List<byte[]> drain() {
        List<byte[]> records = new ArrayList<>();
        drain(s -> records.add(s.toArray(ValueLayout.JAVA_BYTE)));
        return records;
    }

    /**
     * Like {@link #drain(Consumer)}, but when no record is ready waits up to {@code timeout} for a
     * producer's wake-up. Returns the number of records delivered (0 after the timeout).
     */
    public int poll(Duration timeout, Consumer<MemorySegment> handler) throws InterruptedException {
        int n = drain(handler);
        if (n > 0) {
            return n;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (signal) {
            waiters++;
            try {
                while (!ready()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    signal.wait(Math.max(1, left / 1_000_000));
                }
            } finally {
                waiters--;
            }
        }
        return drain(handler);
    }

    /** True when the next record is submitted (or discarded) and so the consumer can proceed. */
    private boolean ready() {
        long at = consumer;
        return at < producer && ((int) WORD.getVolatile(slab, at & mask) & BUSY_BIT) == 0;
    }

    /** Bytes between the consumer and the producer: records not yet consumed, with headers and padding. */
    public long pending() {
        return producer - consumer;
    }
}
