package dev.extos.vm.maps;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory budget of one owner (a client, an application) for all its maps. Every map charges
 * its footprint here when it is created and gives it back when closed; a map that would exceed
 * the limit is not created ({@link MapLimitExceededException}). Safe for concurrent use.
 */
public final class MapAccount {
    private final String owner;
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** An account named {@code owner} (for messages) that may hold at most {@code limitBytes} bytes of maps. */
    public MapAccount(String owner, long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("negative map memory limit: " + limitBytes);
        }
        this.owner = owner;
        this.limit = limitBytes;
    }

    /** An account without a practical limit, for tests and single-application use. */
    public static MapAccount unlimited(String owner) {
        return new MapAccount(owner, Long.MAX_VALUE);
    }

    /** Takes {@code bytes} for map {@code map}, or throws without taking anything. */
    void charge(String map, long bytes) {
        while (true) {
            long now = used.get();
            if (bytes > limit - now) {
                throw new MapLimitExceededException("account '" + owner + "'", map, bytes, now, limit);
            }
            if (used.compareAndSet(now, now + bytes)) {
                return;
            }
        }
    }

    /** Gives back {@code bytes} a closed map held. */
    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** The owner's name. */
    public String owner() {
        return owner;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }

    /** Bytes the owner's open maps hold now. */
    public long used() {
        return used.get();
    }
}
