package dev.swarmnet.dataplane.io;

import dev.swarmnet.dataplane.capture.CaptureFilter;
import dev.swarmnet.dataplane.capture.CaptureOptions;
import dev.swarmnet.dataplane.capture.CaptureSession;
import dev.swarmnet.dataplane.capture.CaptureTap;
import dev.swarmnet.dataplane.conntrack.BackendFlowCounts;
import dev.swarmnet.dataplane.conntrack.FlowTable;
import dev.swarmnet.dataplane.lb.BackendLoad;
import dev.swarmnet.dataplane.lb.ClientAffinity;
import dev.swarmnet.dataplane.nat.BackendChooser;
import dev.swarmnet.dataplane.pipeline.FrameProcessor;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.program.ServiceEntry;
import dev.swarmnet.dataplane.stats.BackendSample;
import dev.swarmnet.dataplane.stats.BackendTraffic;
import dev.swarmnet.dataplane.stats.ConntrackSample;
import dev.swarmnet.dataplane.stats.Counters;
import dev.swarmnet.dataplane.stats.PortTraffic;
import dev.swarmnet.linux.LibC;
import dev.swarmnet.linux.LinuxException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoRegistration;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's running data plane: an event loop (epoll, or io_uring when asked for) with the
 * node's TAP ports and its VXLAN underlay socket, a frame processor, and the program door the
 * control plane publishes to.
 *
 * <p>Thread-safe facade: every method may be called from any thread and hands its work to the
 * event loop. Sockets are created on the calling thread, so start it from a thread inside the
 * network namespace the underlay socket must live in.
 */
public final class DataPlane implements AutoCloseable {
    /** Bytes left in front of every frame read from a TAP, so that encapsulation writes in place. */
    public static final int HEADROOM = 64;

    private static final Logger LOG = LoggerFactory.getLogger(DataPlane.class);
    private static final AtomicBoolean NIO_WARNED = new AtomicBoolean();
    private static final AtomicBoolean IO_URING_WARNED = new AtomicBoolean();

    private final AtomicBoolean closed = new AtomicBoolean();

    private final DataPlaneConfig config;
    private final IoEventLoopGroup group;
    private final IoEventLoop loop;
    private final FrameProcessor processor;
    private final VerdictDispatcher dispatcher;
    private final Counters counters;
    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private final Channel underlay;
    private final TapDrain drain;
    private final DnsForwarder forwarder;

    private DataPlane(DataPlaneConfig config, ProgramDoor door, ResolverConfig resolver) throws InterruptedException {
        this.config = config;
        this.counters = new Counters();
        FlowTable flows = new FlowTable(config.conntrackCapacity(), config.timeouts());
        this.processor = new FrameProcessor(door, flows,
                new BackendChooser(new BackendLoad(256), new ClientAffinity(config.affinityCapacity())), counters);
        this.dispatcher = new VerdictDispatcher(processor, config.underlayPort());
        this.drain = new TapDrain(allocator, config, dispatcher, counters, id -> closeQuietly(dispatcher.detach(id)));
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("swarmnet-dataplane", true),
                config.transport().ioHandlerFactory());
        this.loop = group.next();
        Channel channel;
        try {
            channel = config.transport().underlay(new Bootstrap().group(loop), config.datagramSize())
                    .option(ChannelOption.SO_RCVBUF, 4 << 20)
                    .option(ChannelOption.SO_SNDBUF, 4 << 20)
                    .handler(new UnderlayHandler(dispatcher, counters))
                    .bind(new InetSocketAddress(config.underlayAddress(), config.underlayPort()))
                    .sync()
                    .channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            dispatcher.release();
            throw e;
        }
        this.underlay = channel;
        this.forwarder = new DnsForwarder(resolver, door, dispatcher::send, counters, allocator);
        try {
            forwarder.start(config.transport(), loop);
        } catch (RuntimeException | InterruptedException e) {
            underlay.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            dispatcher.release();
            throw e;
        }
        runOnLoop(() -> processor.upstream(forwarder));
        loop.scheduleAtFixedRate(() -> processor.expire(System.nanoTime()),
                config.expiryIntervalMillis(), config.expiryIntervalMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a data plane that reads its program from {@code door}.
     *
     * <p>A transport that cannot load here is replaced by its fallback (io_uring by epoll, epoll
     * by NIO), logged once per process; {@link #transport()} tells which one runs.
     */
    public static DataPlane start(DataPlaneConfig config, ProgramDoor door) throws InterruptedException {
        return start(config, door, ResolverConfig.system());
    }

    /**
     * Starts a data plane that reads its program from {@code door} and forwards DNS names outside
     * the cluster as {@code resolver} says. The forwarder's socket, like the underlay's, lives in
     * the calling thread's network namespace.
     *
     * <p>A transport that cannot load here is replaced by its fallback (io_uring by epoll, epoll
     * by NIO), logged once per process; {@link #transport()} tells which one runs.
     */
    public static DataPlane start(DataPlaneConfig config, ProgramDoor door, ResolverConfig resolver)
            throws InterruptedException {
        config = config.withTransport(runnable(config.transport()));
        DataPlane plane = new DataPlane(config, door, resolver);
        LOG.info("data plane up: underlay {} (UDP, {}), conntrack capacity {}, DNS upstreams {}",
                plane.underlay.localAddress(), config.transport(), config.conntrackCapacity(), resolver.upstreams());
        return plane;
    }

    /**
     * The transport to run when {@code wanted} was asked for: io_uring falls back to epoll where
     * it cannot load (old kernel, a seccomp profile forbidding it), epoll to NIO; each fallback is
     * logged once per process, saying why.
     */
    static Transport runnable(Transport wanted) {
        Transport chosen = wanted;
        while (chosen.unavailability() != null) {
            Transport next = chosen.fallback();
            AtomicBoolean warned = chosen == Transport.IO_URING ? IO_URING_WARNED : NIO_WARNED;
            if (!warned.getAndSet(true)) {
                LOG.warn("{}; falling back to {}{}", chosen.unavailability(), next,
                        next.drivesTaps() ? "" : ": the underlay works, TAP ports cannot be attached");
            }
            chosen = next;
        }
        return chosen;
    }

    /** The transport this data plane runs on: the configured one, or its fallback (see {@link #start}). */
    public Transport transport() {
        return config.transport();
    }

    /** The address the underlay socket is bound to. */
    public InetSocketAddress underlayAddress() {
        return (InetSocketAddress) underlay.localAddress();
    }

    /**
     * Starts reading a TAP descriptor as local port {@code id}. The data plane reads a duplicate
     * of {@code fd} ({@link LibC#duplicate}) and closes that duplicate on {@link #detachPort} or
     * {@link #close}; the caller keeps {@code fd} and closes it when it is done with the device.
     * One owner per descriptor: a descriptor closed twice is a number that may already belong to
     * someone else's socket or file (this once cut API connections and task files mid-use).
     *
     * @param fd a non-blocking TAP descriptor (IFF_TAP | IFF_NO_PI, no vnet header)
     */
    public void attachPort(int id, int fd) throws IOException {
        attachPort(id, fd, false);
    }

    /**
     * As {@link #attachPort(int, int)}, for a TAP opened with a virtio-net header
     * ({@code IFF_VNET_HDR}, 12 bytes) when {@code vnetHeader} is true: its checksum and TCP
     * segmentation offloads are then handled here.
     */
    public void attachPort(int id, int fd, boolean vnetHeader) throws IOException {
        if (!config.transport().drivesTaps()) {
            throw new IOException("cannot attach port " + id + ": TAP ports need the epoll or io_uring transport, "
                    + "and this data plane runs on " + config.transport()
                    + (Transport.epollUnavailability() == null ? "" : " because " + Transport.epollUnavailability()));
        }
        int own;
        try {
            own = LibC.duplicate(fd);
        } catch (LinuxException e) {
            throw new IOException("cannot attach port " + id + ": " + e.getMessage(), e);
        }
        TapPort port = TapPort.forTransport(config.transport(), id, own, vnetHeader, drain);
        Promise<Void> attached = loop.newPromise();
        loop.execute(() -> {
            if (dispatcher.port(id) != null) {
                closeQuietly(port);
                attached.setFailure(new IllegalStateException("port " + id + " is already attached"));
                return;
            }
            dispatcher.attach(port);
            loop.register(port).addListener((Future<IoRegistration> registration) -> {
                if (registration.isSuccess()) {
                    port.registered(registration.getNow());
                    attached.setSuccess(null);
                } else {
                    closeQuietly(dispatcher.detach(id));
                    attached.setFailure(registration.cause());
                }
            });
        });
        attached.awaitUninterruptibly();
        if (!attached.isSuccess()) {
            throw new IOException("cannot attach port " + id + ": " + attached.cause().getMessage(), attached.cause());
        }
    }

    /** Stops reading port {@code id} and closes its descriptor; unknown ids are ignored. */
    public void detachPort(int id) {
        runOnLoop(() -> closeQuietly(dispatcher.detach(id)));
    }

    /**
     * Starts writing the frames {@code filter} selects to a pcap file at {@code file}; stop it
     * with {@link CaptureSession#stop()}. The tap is installed on the loop before this returns.
     * One capture runs at a time.
     *
     * @throws IOException when the file cannot be created
     * @throws IllegalStateException when a capture is already running, or the JVM was started
     *     without {@link CaptureSession#REQUIRED_JVM_OPTION}
     */
    public CaptureSession capture(CaptureFilter filter, Path file) throws IOException {
        return CaptureSession.start(filter, file, CaptureOptions.defaults(), underlayAddress(), processor::program,
                tap -> runOnLoop(() -> dispatcher.capture(tap)));
    }

    /** A snapshot of the loop's counters, indexed by {@link Counter} ids. */
    public long[] counters() {
        try {
            return loop.submit(counters::snapshot).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return counters.snapshot();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The number of flows the connection table holds now. */
    public int flows() {
        try {
            return loop.submit(() -> processor.flows().size()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The flows the connection table holds now, by VIP backend ({@link BackendFlowCounts}),
     * counted on the loop between frames (one scan of the table, as a program change does); for
     * diagnostics such as {@code network inspect --verbose}. Blocks the caller until counted.
     *
     * @throws IllegalStateException when the loop is stopping or does not answer within 5 s
     */
    public BackendFlowCounts backendFlows() {
        return onLoop(() -> BackendFlowCounts.count(processor.flows()));
    }

    /**
     * Frames and bytes per attached TAP port: element {@code id} is null when port {@code id} is
     * not attached, else a row indexed by {@link PortTraffic#RX_FRAMES} and its siblings.
     */
    public long[][] portTraffic() {
        return onLoop(dispatcher.traffic::snapshot);
    }

    /** The connection table's size, capacity and lifetime counts. */
    public ConntrackSample conntrack() {
        return onLoop(() -> {
            FlowTable flows = processor.flows();
            return new ConntrackSample(flows.size(), flows.capacity(), flows.inserted(), flows.insertFailures(),
                    flows.expired());
        });
    }

    /** New flows and bytes of every backend of every VIP in the current program, one per service and backend. */
    public List<BackendSample> backendTraffic() {
        return onLoop(() -> {
            BackendTraffic traffic = processor.backendTraffic();
            Map<String, BackendSample> samples = new LinkedHashMap<>();
            for (ServiceEntry service : processor.program().services()) {
                for (int i = 0; i < service.backendAddresses.length; i++) {
                    long key = service.loadKeys[i];
                    samples.putIfAbsent(service.name + "/" + key, new BackendSample(service.name, service.vni,
                            service.backendAddresses[i], traffic.flows(key), traffic.bytes(key)));
                }
            }
            return List.copyOf(samples.values());
        });
    }

    /** Runs a read on the loop; a loop that is stopping gets 5 s before the read gives up. */
    private <T> T onLoop(Callable<T> task) {
        try {
            return loop.submit(task).get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("the data-plane loop is stopping", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the data plane", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the data-plane loop did not answer within 5 s", e);
        }
    }

    /**
     * New per-state idle timeouts for the connection table, applied on the loop between frames;
     * established flows stay (see {@link FlowTable#setTimeouts}).
     */
    public void setFlowTimeouts(dev.swarmnet.dataplane.conntrack.FlowTimeouts timeouts) {
        runOnLoop(() -> processor.flows().setTimeouts(timeouts));
    }

    /** Stops the loop and closes the underlay socket and every port's descriptor. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            underlay.close().sync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runOnLoop(() -> {
            forwarder.close();
            TapPort[] ports = dispatcher.ports();
            for (int i = 0; i < ports.length; i++) {
                closeQuietly(dispatcher.detach(i));
            }
        });
        // io_uring channels close once their cancelled reads complete: let that happen on a live loop.
        Future<Void> forwarderClosed = forwarder.closeFuture();
        if (forwarderClosed != null) {
            forwarderClosed.awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        drain.release();
        dispatcher.release();
    }

    private void runOnLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void closeQuietly(TapPort port) {
        if (port == null) {
            return;
        }
        try {
            port.close();
        } catch (Exception e) {
            LOG.warn("closing TAP port {}: {}", port.id, e.toString());
        }
    }
}
