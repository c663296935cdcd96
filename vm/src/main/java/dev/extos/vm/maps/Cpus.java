package dev.extos.vm.maps;

import java.lang.ref.Cleaner;
import java.util.BitSet;

/**
 * What "CPU" means for per-CPU maps and {@code get_smp_processor_id}: ExtOS has a fixed number
 * of CPU slots ({@link #count()}, the system property {@code extos.cpus}, by default the number
 * of available processors), and each thread that runs programs holds one slot from its first
 * use until it has ended and been garbage-collected. While no more threads hold slots than there are slots, no two threads share
 * one, so a program's per-CPU value is touched by one thread at a time, as in the kernel. Beyond
 * that, later threads share slots round-robin, and per-CPU values then see concurrent updates
 * like shared ones (memory-safe, but a plain read-modify-write may lose an update).
 */
public final class Cpus {
    private static final int COUNT = Math.max(1, Integer.getInteger("extos.cpus", Runtime.getRuntime().availableProcessors()));
    private static final Cleaner CLEANER = Cleaner.create();
    private static final BitSet TAKEN = new BitSet(COUNT);
    private static int sharedNext;

    /** The slot a thread holds; when the thread and so this object are gone, the slot is freed. */
    private static final class Lease {
        final int cpu;

        Lease(int cpu) {
            this.cpu = cpu;
        }
    }

    private static final ThreadLocal<Lease> LEASE = ThreadLocal.withInitial(Cpus::lease);

    private Cpus() {
    }

    /** The number of CPU slots: per-CPU maps hold this many copies of each value. */
    public static int count() {
        return COUNT;
    }

    /** The CPU slot of the calling thread, in [0, count()). */
    public static int current() {
        return LEASE.get().cpu;
    }

    private static Lease lease() {
        synchronized (TAKEN) {
            int free = TAKEN.nextClearBit(0);
            if (free < COUNT) {
                TAKEN.set(free);
                Lease lease = new Lease(free);
                CLEANER.register(lease, () -> {
                    synchronized (TAKEN) {
                        TAKEN.clear(free);
                    }
                });
                return lease;
            }
            return new Lease(sharedNext++ % COUNT);
        }
    }
}
