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
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Filtered UDP receive on loopback: {@code count} datagrams of 100 bytes, 1 in 100 starting with
 * 'K', received three ways: through a socket whose kernel filter keeps only the 'K' ones, and
 * receiving everything (through the same FFM socket, and through {@code DatagramChannel}) to
 * filter in Java. Each datagram carries its sequence number; the sender keeps at most
 * {@link #WINDOW} datagrams ahead of what the receiver has seen, so that none is lost to a full
 * receive queue. The figure that matters is the receiving thread's CPU time (ThreadMXBean):
 * the application's cost. On loopback the kernel runs the filter in the sender's system call,
 * so process CPU (sender, kernel filter and receiver together) is printed as well.
 */
public final class UdpBench {
    /** Bytes of each datagram's payload. */
    public static final int SIZE = 100;
    /** The first byte of the datagrams the filter keeps. */
    public static final byte MATCH = 'K';
    /** One datagram in this many matches. */
    public static final int EVERY = 100;
    /** Datagrams the sender may be ahead of the receiver. */
    static final int WINDOW = 2_000;
    /** How long the sender waits for a receiver that makes no progress before sending on. */
    private static final long STALL_NANOS = 2_000_000_000L;

    /** What one way of receiving gave. */
    public record Outcome(String way, long sent, long received, long kept, long expectedKept, long nanos,
                          long receiverCpuNanos, long processCpuNanos) {
        /** Matching datagrams that did not reach the application. */
        public long lost() {
            return expectedKept - kept;
        }
    }

    /** The receiving side of one way: a bound socket handing out datagrams. */
    private interface Receiver extends AutoCloseable {
        int port();

        /** The next datagram into {@code buffer} (cleared, then flipped), or false when none came for a second. */
        boolean receive(ByteBuffer buffer);

        @Override
        void close();
    }

    private final PrintWriter err;

    /** A benchmark printing progress to {@code err}. */
    public UdpBench(PrintWriter err) {
        this.err = err;
    }

    /** Runs the three ways with {@code count} datagrams (rounded up to a multiple of 100) and returns their outcomes. */
    public List<Outcome> run(LoadedProgram filter, long count) {
        long n = Math.max(EVERY, (count + EVERY - 1) / EVERY * EVERY);
        List<Outcome> all = new ArrayList<>();
        all.add(measure("kernel filter", n, ffm(filter)));
        all.add(measure("all, FFM socket", n, ffm(null)));
        all.add(measure("all, DatagramChannel", n, channel()));
        return all;
    }

    private Outcome measure(String way, long n, Receiver receiver) {
        err.println("bench udp: " + way + ", " + n + " datagrams...");
        err.flush();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong progress = new AtomicLong(-1);
        long[] counts = new long[3]; // received, kept, receiver CPU ns
        try (receiver) {
            Thread t = Thread.ofPlatform().name("udp-receiver").start(() -> {
                long cpu0 = threads.getCurrentThreadCpuTime();
                ByteBuffer buffer = ByteBuffer.allocateDirect(2048).order(ByteOrder.LITTLE_ENDIAN);
                long received = 0;
                long kept = 0;
                while (receiver.receive(buffer)) {
                    received++;
                    long seq = buffer.getLong(1);
                    if (buffer.get(0) == MATCH) { // the application's own filter (a no-op after the kernel's)
                        kept++;
                    }
                    progress.setRelease(seq);
                    if (seq == n - 1) {
                        break;
                    }
                }
                counts[0] = received;
                counts[1] = kept;
                counts[2] = threads.getCurrentThreadCpuTime() - cpu0;
            });
            long process0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            send(receiver.port(), n, progress);
            join(t);
            long nanos = System.nanoTime() - t0;
            long processCpu = os.getProcessCpuTime() - process0;
            return new Outcome(way, n, counts[0], counts[1], n / EVERY, nanos, counts[2], processCpu);
        }
    }

    private static void send(int port, long n, AtomicLong progress) {
        try (DatagramChannel out = DatagramChannel.open()) {
            out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            ByteBuffer d = ByteBuffer.allocateDirect(SIZE).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < n; i++) {
                long waitedSince = 0;
                while (i - progress.getAcquire() > WINDOW) {
                    if (waitedSince == 0) {
                        waitedSince = System.nanoTime();
                    } else if (System.nanoTime() - waitedSince > STALL_NANOS) {
                        break; // the receiver lost a datagram it was waiting for: carry on, it is counted as lost
                    }
                    Thread.onSpinWait();
                }
                d.clear();
                d.put(0, i % EVERY == EVERY - 1 ? MATCH : (byte) ('a' + i % 26));
                d.putLong(1, i);
                out.write(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("sending to udp port " + port + ": " + e.getMessage(), e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the receiver", e);
        }
    }

    private static Receiver ffm(LoadedProgram filter) {
        FilteredUdpSocket s = FilteredUdpSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), filter);
        s.setReceiveBufferSize(8 << 20);
        s.setReceiveTimeout(Duration.ofSeconds(1));
        return new Receiver() {
            @Override
            public int port() {
                return s.port();
            }

            @Override
            public boolean receive(ByteBuffer buffer) {
                boolean got = s.receive(buffer.clear()) != null;
                buffer.flip();
                return got;
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    private static Receiver channel() {
        try {
            DatagramChannel c = DatagramChannel.open();
            c.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
            c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            c.socket().setSoTimeout(1000);
            int port = ((InetSocketAddress) c.getLocalAddress()).getPort();
            java.net.DatagramSocket socket = c.socket();
            java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[2048], 2048);
            return new Receiver() {
                @Override
                public int port() {
                    return port;
                }

                @Override
                public boolean receive(ByteBuffer buffer) {
                    try {
                        // the timeout applies to the adaptor's receive, not to DatagramChannel.receive
                        socket.receive(packet);
                    } catch (java.net.SocketTimeoutException e) {
                        return false;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    buffer.clear().put(packet.getData(), 0, packet.getLength()).flip();
                    return true;
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
        out.printf(Locale.ROOT, "%-22s %10s %10s %8s %6s %9s %12s %14s %12s %14s%n", "way", "datagrams", "received", "kept",
                "lost", "elapsed s", "Mdatagrams/s", "receiver CPU ms", "ns/datagram", "process CPU ms");
        for (Outcome o : outcomes) {
            out.printf(Locale.ROOT, "%-22s %10d %10d %8d %6d %9.3f %12.3f %14.1f %12.1f %14.1f%n", o.way(), o.sent(), o.received(),
                    o.kept(), o.lost(), o.nanos() / 1e9, o.sent() / (o.nanos() / 1e3), o.receiverCpuNanos() / 1e6,
                    (double) o.receiverCpuNanos() / o.sent(), o.processCpuNanos() / 1e6);
        }
        Outcome kernel = outcomes.getFirst();
        for (Outcome o : outcomes.subList(1, outcomes.size())) {
            out.printf(Locale.ROOT, "application CPU, %s / kernel filter: %.1fx; receive calls %d / %d%n", o.way(),
                    (double) o.receiverCpuNanos() / Math.max(1, kernel.receiverCpuNanos()), o.received(), kernel.received());
        }
        out.flush();
    }
}
