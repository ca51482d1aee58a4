package dev.swarmnet.dataplane.capture;

import dev.swarmnet.dataplane.program.Program;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * One running capture: a ring, the event loop's {@link CaptureTap} on one end, a writer thread
 * with its {@link CaptureWriter} on the other, and the pcap file. Started by the data plane,
 * stopped by whoever holds it.
 *
 * <p>Thread-safe: {@link #stop()} may be called from any thread, more than once. The tap is
 * installed in and removed from the loop through the {@code installer} the data plane gives,
 * which runs the change on the loop and returns when it is done; so once {@code stop} has removed
 * it nothing more enters the ring, and draining the ring to empty finishes the file.
 */
public final class CaptureSession {
    /** The JVM option Agrona 2's buffers, and so the capture ring, cannot work without. */
    public static final String REQUIRED_JVM_OPTION = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

    private static final Throwable UNAVAILABILITY_CAUSE = probeAgrona();
    private final CaptureFilter filter;
    private final Path file;
    private final CaptureTap tap;
    private final CaptureWriter writer;
    private final Thread thread;
    private final Consumer<CaptureTap> installer;
    private CaptureSummary summary;

    private CaptureSession(CaptureFilter filter, Path file, CaptureTap tap, CaptureWriter writer,
                           Consumer<CaptureTap> installer) {
        this.filter = filter;
        this.file = file;
        this.tap = tap;
        this.writer = writer;
        this.installer = installer;
        this.thread = new Thread(writer, "swarmnet-capture " + filter);
        thread.setDaemon(true);
    }

    /**
     * Creates {@code file}, starts the writer thread and installs the tap.
     *
     * @param underlay the underlay socket's local address, written into synthesized headers
     * @param program the program the loop runs now, read on the loop to find a port's network
     * @param installer runs {@code tap -> loop field} on the event loop and returns when done;
     *     called with the tap now and with null on {@link #stop()}; may throw to refuse the tap
     * @throws IOException when the file cannot be created
     */
    public static CaptureSession start(CaptureFilter filter, Path file, CaptureOptions options, InetSocketAddress underlay,
                                       Supplier<Program> program, Consumer<CaptureTap> installer) throws IOException {
        Instant now = Instant.now();
        long epochOffsetNs = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
        return start(filter, file, options, underlay, portVni(program), installer, epochOffsetNs);
    }

    static CaptureSession start(CaptureFilter filter, Path file, CaptureOptions options, InetSocketAddress underlay,
                                IntUnaryOperator portVni, Consumer<CaptureTap> installer, long epochOffsetNs)
            throws IOException {
        ensureAvailability();
        OneToOneRingBuffer ring = newRing(options.ringCapacity());
        CaptureTap tap = new CaptureTap(filter, ring, options.snaplen(), portVni);
        PcapWriter pcap = PcapWriter.create(file, options.snaplen());
        CaptureWriter writer = new CaptureWriter(ring, pcap, epochOffsetNs, ipv4(underlay), underlay.getPort(),
                new SleepingMillisIdleStrategy(1));
        CaptureSession session = new CaptureSession(filter, file, tap, writer, installer);
        session.thread.start();
        try {
            installer.accept(tap);
        } catch (RuntimeException e) {
            session.finish();
            throw e;
        }
        return session;
    }

    /** True when this JVM lets Agrona reach {@code jdk.internal.misc.Unsafe}, which the ring needs. */
    public static boolean isAvailable() {
        return UNAVAILABILITY_CAUSE == null;
    }

    /** Why capture cannot run in this JVM, or null when it can. */
    public static Throwable unavailabilityCause() {
        return UNAVAILABILITY_CAUSE;
    }

    /** @throws IllegalStateException naming the missing JVM option when capture cannot run here */
    public static void ensureAvailability() {
        if (UNAVAILABILITY_CAUSE != null) {
            throw new IllegalStateException("packet capture needs the JVM option " + REQUIRED_JVM_OPTION
                    + " (Agrona 2's ring buffer uses jdk.internal.misc.Unsafe): " + UNAVAILABILITY_CAUSE,
                    UNAVAILABILITY_CAUSE);
        }
    }

    /** A ring of {@code capacity} bytes (a power of two) over a direct buffer, as {@link CaptureTap} needs. */
    static OneToOneRingBuffer newRing(int capacity) {
        return new OneToOneRingBuffer(new UnsafeBuffer(
                ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    public CaptureFilter filter() {
        return filter;
    }

    public Path file() {
        return file;
    }

    /**
     * Removes the tap from the loop, writes what the ring still holds, closes the file and says
     * what was captured. Later calls return the same summary.
     */
    public synchronized CaptureSummary stop() {
        if (summary == null) {
            try {
                installer.accept(null);
            } catch (RejectedExecutionException e) {
                // The loop has already stopped: nothing can enter the ring any more.
            }
            summary = finish();
        }
        return summary;
    }

    private CaptureSummary finish() {
        writer.stop();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new CaptureSummary(file, filter, writer.written(), tap.lost() + writer.discarded(), writer.failure());
    }

    private static Throwable probeAgrona() {
        try {
            new UnsafeBuffer(new byte[8]).putLong(0, 1);
            return null;
        } catch (LinkageError e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    private static IntUnaryOperator portVni(Supplier<Program> programs) {
        return port -> {
            Program program = programs.get();
            int network = program.portNetwork(port);
            return network < 0 ? -1 : program.vni(network);
        };
    }

    private static int ipv4(InetSocketAddress address) {
        if (address.getAddress() instanceof Inet4Address) {
            byte[] b = address.getAddress().getAddress();
            return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        }
        return 0;
    }
}
