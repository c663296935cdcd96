package dev.extos.cli.bench;

import dev.extos.linux.FilteredUdpSocket;
import dev.extos.linux.LoadedProgram;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Filtered UDP receive on loopback: {@code count} datagrams of 100 bytes, 1 in 100 starting with
 * 'K', received three ways: through a socket whose kernel filter keeps only the 'K' ones, and
 * receiving everything (through the same FFM socket, and through a blocking IPv4
 * {@code DatagramChannel}, the idiomatic Java way) to filter in Java. Each datagram carries its
 * sequence number. The sender (the calling thread) sends in a tight loop; the figure that
 * matters is the receiving thread's CPU time from its first datagram to its last: the
 * application's cost. On loopback the kernel runs the filter in the sender's system call, so
 * process CPU (sender, kernel filter and receiver together) is printed as well.
 *
 * <p>The sender here is slower than a Java receiver (it pays the whole loopback path), so a
 * receiver that simply blocks would find its queue empty and pay a wake-up for almost every
 * datagram: the comparison would measure wake-ups, not receiving. Batched (the default), the
 * sender queues windows of {@link #WINDOW} datagrams and the receiver starts on a window only
 * once all of it is queued, then drains it back to back: every receive finds a datagram waiting,
 * as at a receiver that is the bottleneck. Streaming, the receiver blocks as datagrams come and
 * the sender only stays within a window of it. Both keep the queue (8 MiB asked) from
 * overflowing; the overflow column shows it.
 */
public final class UdpBench {
    /** Bytes of each datagram's payload. */
    public static final int SIZE = 100;
    /** The first byte of the datagrams the filter keeps. */
    public static final byte MATCH = 'K';
    /** One datagram in this many matches. */
    public static final int EVERY = 100;
    /** Datagrams in a batch; the sender stays within two of them (about 4 MiB of queue on loopback). */
    static final int WINDOW = 2_000;
    /** Receive queue asked for; the kernel caps it at twice net.core.rmem_max. */
    private static final int RCVBUF = 8 << 20;
    /** How long a receiver may make no progress before the rest is counted as lost. */
    private static final long STALL_NANOS = 1_000_000_000L;
    /** Datagrams of the discarded warm-up round of each way (the JIT compiles the receive loops). */
    private static final long WARM_UP = 20_000;

    /** The kernel filter's way, against which the others are compared. */
    public static final String KERNEL = "kernel filter";
    /** The idiomatic Java way. */
    public static final String CHANNEL = "all, DatagramChannel";
    /** The FFM socket without a filter. */
    public static final String FFM_ALL = "all, FFM socket";

    /**
     * What one way of receiving gave: datagrams sent and received, receive calls made, matching
     * datagrams seen (and expected), the socket's kernel drops (including its filter's) and the
     * receive-queue overflows, the times the receiving thread went to sleep waiting (its voluntary
     * context switches), nanoseconds from the first datagram to the last, the receiving thread's
     * CPU over the same span, process CPU over the whole run.
     */
    public record Outcome(String way, long sent, long received, long receiveCalls, long kept, long expectedKept,
                          long socketDrops, long overflows, long sleeps, long nanos, long receiverCpuNanos,
                          long processCpuNanos) {
        /** Matching datagrams that did not reach the application. */
        public long lost() {
            return expectedKept - kept;
        }
    }

    /** The receiving side of one way: a bound socket handing out datagrams. */
    private interface Receiver extends AutoCloseable {
        InetSocketAddress local();

        /** The next datagram into {@code buffer} (cleared, then flipped), or false when there is none (timeout, closed). */
        boolean receive(ByteBuffer buffer);

        @Override
        void close();
    }

    private final PrintWriter err;
    private final boolean batched;

    /**
     * A benchmark printing progress to {@code err}; {@code batched}: the receiver starts on a window
     * of datagrams only once the sender has queued all of it (see the class comment).
     */
    public UdpBench(PrintWriter err, boolean batched) {
        this.err = err;
        this.batched = batched;
    }

    /**
     * Runs the three ways with {@code count} datagrams (rounded up to a multiple of 100), each after
     * a discarded warm-up round when {@code warmUp}, and returns their outcomes, the kernel filter first.
     */
    public List<Outcome> run(LoadedProgram filter, long count, boolean warmUp) {
        long n = rounded(count);
        if (warmUp) {
            long w = rounded(Math.min(count, WARM_UP));
            err.println("bench udp: warm-up, " + w + " datagrams each way...");
            err.flush();
            measure(KERNEL, w, ffm(filter));
            measure(FFM_ALL, w, ffm(null));
            measure(CHANNEL, w, channel());
        }
        List<Outcome> all = new ArrayList<>();
        all.add(announceAndMeasure(KERNEL, n, ffm(filter)));
        all.add(announceAndMeasure(FFM_ALL, n, ffm(null)));
        all.add(announceAndMeasure(CHANNEL, n, channel()));
        return all;
    }

    private static long rounded(long count) {
        return Math.max(EVERY, (count + EVERY - 1) / EVERY * EVERY);
    }

    private Outcome announceAndMeasure(String way, long n, Receiver receiver) {
        err.println("bench udp: " + way + ", " + n + " datagrams...");
        err.flush();
        return measure(way, n, receiver);
    }

    /** What the receiving thread saw. */
    private static final class Tally {
        long received;
        long calls;
        long kept;
        long firstNanos;
        long lastNanos;
        long cpuAtFirst;
        long cpuAtLast;
        long sleepsAtFirst;
        long sleepsAtLast;
    }

    /**
     * What the sender and the receiver tell each other: the last sequence number the receiver saw,
     * and (batched) how many datagrams the sender has queued as whole batches.
     */
    private static final class Pacing {
        final boolean batched;
        final AtomicLong seen = new AtomicLong(-1);
        final AtomicLong queued = new AtomicLong();
        volatile Thread receiver;

        Pacing(boolean batched) {
            this.batched = batched;
        }
    }

    private Outcome measure(String way, long n, Receiver receiver) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Pacing pacing = new Pacing(batched);
        Tally tally = new Tally();
        try (receiver) {
            Thread t = Thread.ofPlatform().name("udp-receiver").unstarted(() -> receiveAll(receiver, n, pacing, tally, threads));
            pacing.receiver = t;
            t.start();
            long overflow0 = UdpCounters.receiveBufferErrors();
            long process0 = os.getProcessCpuTime();
            send(receiver.local().getPort(), n, pacing);
            long drops = awaitReceiver(t, receiver, pacing.seen);
            long processCpu = os.getProcessCpuTime() - process0;
            long overflows = UdpCounters.receiveBufferErrors() - overflow0;
            return new Outcome(way, n, tally.received, tally.calls, tally.kept, n / EVERY, drops, overflows,
                    tally.sleepsAtLast - tally.sleepsAtFirst, tally.lastNanos - tally.firstNanos, tally.cpuAtLast - tally.cpuAtFirst, processCpu);
        }
    }

    private static void receiveAll(Receiver receiver, long n, Pacing pacing, Tally tally, ThreadMXBean threads) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(2048).order(ByteOrder.LITTLE_ENDIAN);
        long batchEnd = 0;
        long last = -1;
        while (true) {
            if (pacing.batched && last + 1 >= batchEnd) {
                // start on a batch only once it is all queued, so that no receive in it waits
                while (pacing.queued.getAcquire() <= last + 1) {
                    LockSupport.park(pacing);
                }
                batchEnd = pacing.queued.getAcquire();
            }
            tally.calls++;
            if (!receiver.receive(buffer)) {
                break;
            }
            if (tally.received++ == 0) {
                tally.firstNanos = System.nanoTime();
                tally.cpuAtFirst = threads.getCurrentThreadCpuTime();
                tally.sleepsAtFirst = ThreadSleeps.current();
            }
            long seq = buffer.getLong(1);
            if (buffer.get(0) == MATCH) { // the application's own filter (a no-op after the kernel's)
                tally.kept++;
                tally.lastNanos = System.nanoTime();
            }
            last = seq;
            pacing.seen.setRelease(seq);
            if (seq == n - 1) {
                break;
            }
        }
        tally.cpuAtLast = threads.getCurrentThreadCpuTime();
        tally.sleepsAtLast = ThreadSleeps.current();
    }

    /**
     * Waits for the receiver to see the last datagram; when it stops making progress (the rest was
     * lost), reads the socket's drop counter and closes it to end the wait. Returns the socket's drops.
     */
    private static long awaitReceiver(Thread t, Receiver receiver, AtomicLong progress) {
        long seen = progress.getAcquire();
        long since = System.nanoTime();
        try {
            while (!t.join(Duration.ofMillis(100))) {
                long now = progress.getAcquire();
                if (now != seen) {
                    seen = now;
                    since = System.nanoTime();
                } else if (System.nanoTime() - since > STALL_NANOS) {
                    long drops = UdpCounters.socketDrops(receiver.local());
                    receiver.close(); // wakes a blocked receive
                    t.join();
                    return drops;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the receiver", e);
        }
        return UdpCounters.socketDrops(receiver.local());
    }

    /**
     * Sends {@code n} datagrams in a tight loop, never more than two windows ahead of the receiver
     * (streaming: one window); batched, it tells the receiver after each whole window.
     */
    private static void send(int port, long n, Pacing pacing) {
        long ahead = pacing.batched ? 2L * WINDOW : WINDOW;
        try (DatagramChannel out = DatagramChannel.open()) {
            out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            ByteBuffer d = ByteBuffer.allocateDirect(SIZE).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < n; i++) {
                if (pacing.batched && i % WINDOW == 0 && i > 0) {
                    pacing.queued.setRelease(i);
                    LockSupport.unpark(pacing.receiver);
                }
                long waitedSince = 0;
                while (i - pacing.seen.getAcquire() > ahead) {
                    if (waitedSince == 0) {
                        waitedSince = System.nanoTime();
                    } else if (System.nanoTime() - waitedSince > STALL_NANOS) {
                        break; // the receiver lost a datagram it was waiting for: carry on, it is counted as lost
                    }
                    LockSupport.parkNanos(20_000); // leave the CPU to the receiver rather than spin
                }
                d.clear();
                d.put(0, i % EVERY == EVERY - 1 ? MATCH : (byte) ('a' + i % 26));
                d.putLong(1, i);
                out.write(d);
            }
            pacing.queued.setRelease(n);
            LockSupport.unpark(pacing.receiver);
        } catch (IOException e) {
            throw new UncheckedIOException("sending to udp port " + port + ": " + e.getMessage(), e);
        }
    }

    private static Receiver ffm(LoadedProgram filter) {
        FilteredUdpSocket s = FilteredUdpSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), filter);
        s.setReceiveBufferSize(RCVBUF);
        s.setReceiveTimeout(Duration.ofSeconds(1)); // only reached when datagrams were lost
        return new Receiver() {
            @Override
            public InetSocketAddress local() {
                return s.localAddress();
            }

            @Override
            public boolean receive(ByteBuffer buffer) {
                try {
                    boolean got = s.receive(buffer.clear()) != null;
                    buffer.flip();
                    return got;
                } catch (IllegalStateException closed) {
                    return false;
                }
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    private static Receiver channel() {
        try {
            // IPv4 like the other sockets (a dual-stack socket would be listed in /proc/net/udp6)
            DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET);
            c.setOption(StandardSocketOptions.SO_RCVBUF, RCVBUF);
            c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress local = (InetSocketAddress) c.getLocalAddress();
            return new Receiver() {
                @Override
                public InetSocketAddress local() {
                    return local;
                }

                @Override
                public boolean receive(ByteBuffer buffer) {
                    try {
                        c.receive(buffer.clear());
                        buffer.flip();
                        return true;
                    } catch (ClosedChannelException e) {
                        return false; // closed because the rest was lost
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void close() {
                    try {
                        c.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table of outcomes, with the application-CPU ratios against the kernel filter. */
    public static void print(PrintWriter out, List<Outcome> outcomes) {
        out.printf(Locale.ROOT, "%-21s %9s %9s %10s %6s %5s %10s %8s %8s %9s %10s %10s %8s %11s%n", "way", "sent", "received",
                "recv calls", "kept", "lost", "sock drops", "overflow", "sleeps", "elapsed s", "Mdgram/s", "app CPU ms", "ns/dgram",
                "proc CPU ms");
        for (Outcome o : outcomes) {
            out.printf(Locale.ROOT, "%-21s %9d %9d %10d %6d %5d %10d %8d %8d %9.3f %10.3f %10.1f %8.1f %11.1f%n", o.way(), o.sent(),
                    o.received(), o.receiveCalls(), o.kept(), o.lost(), o.socketDrops(), o.overflows(), o.sleeps(), o.nanos() / 1e9,
                    o.sent() / Math.max(1.0, o.nanos() / 1e3), o.receiverCpuNanos() / 1e6,
                    (double) o.receiverCpuNanos() / o.sent(), o.processCpuNanos() / 1e6);
        }
        Outcome kernel = outcomes.getFirst();
        for (Outcome o : outcomes.subList(1, outcomes.size())) {
            out.printf(Locale.ROOT, "application CPU: Java-filtered (%s) / kernel-filtered = %.1f x%n", o.way(),
                    ratio(o, kernel));
        }
        out.flush();
    }

    /** The other way's application CPU over the kernel filter's. */
    public static double ratio(Outcome other, Outcome kernel) {
        return (double) other.receiverCpuNanos() / Math.max(1, kernel.receiverCpuNanos());
    }
}
