package dev.swarmnet.controlplane.capture;

import dev.swarmnet.dataplane.capture.PcapWriter;
import dev.swarmnet.linux.LinuxException;
import dev.swarmnet.linux.NetworkNamespace;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * A diagnostic capture on one Linux link that the data plane does not own (the host's underlay
 * NIC, a veth): libpcap, through Pcap4J, opens the link, inside a named network namespace when
 * asked, applies a BPF filter, and every packet is written with {@link PcapWriter}, so the file
 * looks like the data plane's own captures (nanosecond pcap, Ethernet).
 *
 * <p>Threads. {@link #open} opens the handle on a thread inside the namespace
 * ({@link NetworkNamespace#call}); the packet socket stays bound to the namespace's link after
 * that thread exits. {@link #run} then reads on the calling thread, which owns the handle and the
 * file; {@link #stop} may be called from any thread (a signal handler) and takes effect within
 * {@link #IDLE_SLEEP_NS}.
 *
 * <p>Errors. Input the user can fix (no such interface, no such namespace, a filter libpcap
 * rejects, a link that is not Ethernet) is an {@link IllegalArgumentException}; what the host
 * cannot do (no CAP_NET_RAW, no libpcap) an {@link IllegalStateException}; a file that cannot be
 * written an {@link IOException}.
 */
public final class LinkCapture implements AutoCloseable {
    /**
     * How long the reader sleeps when the link is quiet before it looks again (and at stop and
     * the deadline). The handle is non-blocking because libpcap's read timeout does not make a
     * read return on Linux's TPACKET_V3 ring while no packet arrives: a blocking read on a quiet
     * link never sees SIGINT. The kernel ring (2 MiB) holds what arrives meanwhile.
     */
    public static final long IDLE_SLEEP_NS = 5_000_000L;
    /** libpcap's largest snap length: whole packets. */
    public static final int DEFAULT_SNAPLEN = PcapWriter.MAX_SNAPLEN;

    /**
     * What to capture.
     *
     * @param interfaceName the link, as {@code ip link} names it
     * @param namespace the named network namespace holding it, or null for this process's
     * @param filter a BPF expression (tcpdump syntax), or null for every packet
     * @param count stop after this many packets; 0: no limit
     * @param duration stop after this long; null: no limit
     */
    public record Request(String interfaceName, String namespace, Path file, String filter, long count,
                          Duration duration, int snaplen) {
        public Request {
            if (count < 0) {
                throw new IllegalArgumentException("packet count " + count + " is negative");
            }
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw new IllegalArgumentException("duration " + duration + " is not positive");
            }
            if (snaplen < 1 || snaplen > PcapWriter.MAX_SNAPLEN) {
                throw new IllegalArgumentException("snap length " + snaplen + " is outside 1.." + PcapWriter.MAX_SNAPLEN);
            }
        }

        /** {@code veth0} or {@code veth0 in netns NAME}. */
        public String where() {
            return namespace == null ? interfaceName : interfaceName + " in netns " + namespace;
        }
    }

    /**
     * What a finished capture did.
     *
     * @param droppedByKernel packets the kernel dropped because the reader fell behind
     *     (libpcap's {@code ps_drop}), or -1 when unknown
     * @param stoppedBy {@code count}, {@code duration} or {@code signal}
     */
    public record Summary(Request request, long packetsWritten, long droppedByKernel, String stoppedBy) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d packet(s) written to %s from %s%s; stopped by %s; %s",
                    packetsWritten, request.file(), request.where(),
                    request.filter() == null ? "" : " (filter '" + request.filter() + "')", stoppedBy,
                    droppedByKernel < 0 ? "kernel drops unknown" : droppedByKernel + " dropped by the kernel");
        }
    }

    private final Request request;
    private final PcapHandle handle;
    private final PcapWriter writer;
    private final ByteBuf frame;
    private volatile boolean stopRequested;
    private boolean closed;

    private LinkCapture(Request request, PcapHandle handle, PcapWriter writer) {
        this.request = request;
        this.handle = handle;
        this.writer = writer;
        this.frame = Unpooled.buffer(request.snaplen());
    }

    /**
     * Opens the link, applies the filter and creates the file; capturing starts now (packets
     * queue in the kernel until {@link #run}).
     *
     * @throws IllegalArgumentException no such interface (the message lists those that exist) or
     *     namespace, a filter libpcap cannot compile (its message), a link that is not Ethernet
     * @throws IllegalStateException no CAP_NET_RAW, or libpcap cannot be loaded
     * @throws IOException the file cannot be created
     */
    public static LinkCapture open(Request request) throws IOException {
        ensureLibpcap();
        PcapHandle handle = request.namespace() == null ? openHandle(request) : openHandleIn(request);
        try {
            if (handle.getDlt().value() != DataLinkType.EN10MB.value()) {
                throw new IllegalArgumentException(request.where() + " has link type " + handle.getDlt()
                        + "; swarmnet capture writes Ethernet captures only (use tcpdump for this link)");
            }
            applyFilter(handle, request.filter());
            return new LinkCapture(request, handle, createFile(request));
        } catch (IOException | RuntimeException | Error e) {
            handle.close();
            throw e;
        }
    }

    /**
     * Writes packets until the count is reached, the duration has passed or {@link #stop} is
     * called; the file is flushed whenever the link goes quiet and when this returns.
     *
     * @throws IOException writing the file failed, or libpcap reported an error (the link went away)
     */
    public Summary run() throws IOException {
        long deadline = request.duration() == null ? Long.MAX_VALUE
                : System.nanoTime() + request.duration().toNanos();
        String stoppedBy = "signal";
        try {
            while (!stopRequested) {
                if (request.count() > 0 && writer.records() >= request.count()) {
                    stoppedBy = "count";
                    break;
                }
                if (System.nanoTime() - deadline >= 0) {
                    stoppedBy = "duration";
                    break;
                }
                byte[] packet = nextPacket();
                if (packet == null) {
                    writer.flush();
                    LockSupport.parkNanos(IDLE_SLEEP_NS);
                    continue;
                }
                frame.clear().writeBytes(packet);
                writer.write(epochNanos(handle.getTimestamp()), handle.getOriginalLength(), frame);
            }
            writer.flush();
        } catch (NotOpenException e) {
            throw new IllegalStateException("the capture on " + request.where() + " was closed while running", e);
        }
        return new Summary(request, writer.records(), droppedByKernel(), stoppedBy);
    }

    /** Makes {@link #run} return within {@link #IDLE_SLEEP_NS}. Any thread. */
    public void stop() {
        stopRequested = true;
    }

    /** Closes the link's handle and the file. Idempotent; call on the thread that ran it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        handle.close();
        frame.release();
        writer.close();
    }

    /** The next packet, or null when none came within {@link #IDLE_SLEEP_NS}. */
    private byte[] nextPacket() throws IOException, NotOpenException {
        try {
            return handle.getNextRawPacketEx();
        } catch (TimeoutException idle) {
            return null;
        } catch (EOFException e) {
            throw new IOException("the capture on " + request.where() + " ended", e);
        } catch (PcapNativeException e) {
            throw new IOException("reading from " + request.where() + " failed: " + e.getMessage(), e);
        }
    }

    private long droppedByKernel() {
        try {
            PcapStat stats = handle.getStats();
            return stats.getNumPacketsDropped();
        } catch (PcapNativeException | NotOpenException | UnsupportedOperationException e) {
            return -1;
        }
    }

    private static PcapWriter createFile(Request request) throws IOException {
        try {
            return PcapWriter.create(request.file(), request.snaplen());
        } catch (IOException e) {
            throw new IOException("cannot create " + request.file() + ": " + e, e);
        }
    }

    private static long epochNanos(Timestamp timestamp) {
        return Math.floorDiv(timestamp.getTime(), 1000L) * 1_000_000_000L + timestamp.getNanos();
    }

    private static PcapHandle openHandleIn(Request request) {
        try (NetworkNamespace namespace = openNamespace(request.namespace())) {
            return namespace.call(() -> openHandle(request));
        } catch (LinuxException e) {
            throw new IllegalStateException("cannot enter netns " + request.namespace() + ": " + e.getMessage(), e);
        }
    }

    private static NetworkNamespace openNamespace(String name) throws LinuxException {
        if (!NetworkNamespace.exists(name)) {
            String known;
            try {
                List<String> names = NetworkNamespace.list();
                known = names.isEmpty() ? "there are none" : "known: " + String.join(", ", names);
            } catch (IOException e) {
                known = "cannot list " + NetworkNamespace.RUN_DIR + ": " + e.getMessage();
            }
            throw new IllegalArgumentException("no network namespace '" + name + "' in " + NetworkNamespace.RUN_DIR
                    + " (" + known + ")");
        }
        return NetworkNamespace.open(name);
    }

    /** Runs on a thread in the link's namespace: libpcap's interface list is the namespace's. */
    private static PcapHandle openHandle(Request request) {
        List<String> links = interfaceNames();
        if (!links.contains(request.interfaceName())) {
            throw new IllegalArgumentException("no interface '" + request.interfaceName() + "'"
                    + (request.namespace() == null ? "" : " in netns " + request.namespace())
                    + "; interfaces that exist: " + String.join(", ", links));
        }
        try {
            PcapHandle handle = new PcapHandle.Builder(request.interfaceName())
                    .snaplen(request.snaplen())
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS)
                    .immediateMode(true)
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
                    .build();
            try {
                handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            } catch (PcapNativeException | NotOpenException | RuntimeException e) {
                handle.close();
                throw e;
            }
            return handle;
        } catch (NotOpenException e) {
            throw new IllegalStateException(e);
        } catch (PcapNativeException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("permission") || message.contains("Operation not permitted")) {
                throw new IllegalStateException("capturing on " + request.where() + " needs CAP_NET_RAW: run as root, "
                        + "or give the container --cap-add NET_RAW (libpcap: " + message + ")", e);
            }
            throw new IllegalStateException("cannot open " + request.where() + ": " + message, e);
        }
    }

    private static List<String> interfaceNames() {
        try {
            List<String> names = new ArrayList<>();
            for (PcapNetworkInterface link : Pcaps.findAllDevs()) {
                names.add(link.getName());
            }
            return names;
        } catch (PcapNativeException e) {
            throw new IllegalStateException("cannot list network interfaces: " + e.getMessage(), e);
        }
    }

    private static void applyFilter(PcapHandle handle, String filter) {
        if (filter == null || filter.isBlank()) {
            return;
        }
        try {
            handle.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException e) {
            throw new IllegalArgumentException("bad BPF filter '" + filter + "': " + e.getMessage(), e);
        } catch (NotOpenException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ensureLibpcap() {
        try {
            Pcaps.libVersion();
        } catch (LinkageError e) {
            throw new IllegalStateException("cannot load libpcap (on Debian: apt-get install libpcap0.8): "
                    + e.getMessage(), e);
        }
    }
}
