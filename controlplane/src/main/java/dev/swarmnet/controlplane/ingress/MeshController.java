package dev.swarmnet.controlplane.ingress;

import dev.swarmnet.controlplane.agent.NodeAssignment;
import dev.swarmnet.dataplane.io.Transport;
import io.netty.channel.EventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The routing mesh of one node: follows each {@link NodeAssignment} by opening a listener on
 * every published port ({@link MeshRoutes}), updating the backends of open ones and closing
 * those no longer published. A port this host cannot open (already used by another program) is
 * logged with the service and port and tried again every {@code retry} until it opens or is no
 * longer published. A service that restricts where its ports listen ({@link ListenRestriction})
 * gets only the allowed addresses (a wildcard standing for the node's own IPv4 addresses, read
 * at each attempt); with none allowed here the port stays closed on this node, with the reason,
 * and is tried again like a busy one. A changed restriction reopens the port.
 *
 * <p>Thread: {@link #update} and {@link #close} may be called from any thread except the mesh's
 * event loops (synchronized; binding blocks briefly); flows run on the controller's own event
 * loops, retries on its own daemon thread.
 */
public final class MeshController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeshController.class);

    private final List<InetAddress> addresses;
    private final Supplier<List<InetAddress>> ownAddresses;
    private final MeshTransport transport;
    private final EventLoopGroup group;
    private final Map<MeshPort, MeshListener> open = new TreeMap<>();
    private final Map<MeshPort, MeshRoute> blocked = new TreeMap<>();
    /** Why each blocked port is not open, as the last attempt said. */
    private final Map<MeshPort, Refusal> blockedBecause = new TreeMap<>();
    private final ScheduledExecutorService retries;
    private boolean closed;

    /**
     * A controller listening on {@code addresses} (empty: {@code 0.0.0.0}), with {@code threads}
     * epoll event loops, retrying blocked ports every {@code retry}.
     */
    public MeshController(List<InetAddress> addresses, int threads, Duration retry) {
        this(addresses, threads, retry, Transport.EPOLL);
    }

    /**
     * As above, on {@code transport}'s event loops (or the next transport that loads here:
     * io_uring falls back to epoll, epoll to NIO).
     */
    public MeshController(List<InetAddress> addresses, int threads, Duration retry, Transport transport) {
        this(addresses, threads, retry, transport, MeshController::ownIpv4Addresses);
    }

    /**
     * As above, with {@code ownAddresses} giving this node's IPv4 addresses, which a wildcard
     * listen address stands for when a service restricts where it listens ({@link ListenRestriction}).
     */
    MeshController(List<InetAddress> addresses, int threads, Duration retry, Transport transport,
                   Supplier<List<InetAddress>> ownAddresses) {
        Objects.requireNonNull(addresses, "addresses");
        this.ownAddresses = Objects.requireNonNull(ownAddresses, "ownAddresses");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(retry, "retry");
        if (threads < 1) {
            throw new IllegalArgumentException("mesh threads must be at least 1: " + threads);
        }
        this.addresses = addresses.isEmpty() ? List.of(anyAddress()) : List.copyOf(addresses);
        this.transport = MeshTransport.of(transport);
        this.group = this.transport.newGroup(threads);
        long every = Math.max(1, retry.toMillis());
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "swarmnet-mesh-retry");
            thread.setDaemon(true);
            return thread;
        });
        retries.scheduleWithFixedDelay(this::retryBlocked, every, every, TimeUnit.MILLISECONDS);
    }

    /** A controller on all IPv4 addresses, two event loops, retrying every 10 seconds. */
    public static MeshController onAllAddresses() {
        return new MeshController(List.of(), 2, Duration.ofSeconds(10));
    }

    /** Opens, updates and closes listeners to match {@code assignment}. */
    public synchronized void update(NodeAssignment assignment) {
        Objects.requireNonNull(assignment, "assignment");
        if (closed) {
            return;
        }
        apply(MeshRoutes.of(assignment));
    }

    /** Opens, updates and closes listeners to match {@code routes}. */
    public synchronized void apply(SortedMap<MeshPort, MeshRoute> routes) {
        Objects.requireNonNull(routes, "routes");
        if (closed) {
            return;
        }
        open.entrySet().removeIf(entry -> {
            MeshRoute route = routes.get(entry.getKey());
            if (route == null || !route.serviceId().equals(entry.getValue().route().serviceId())
                    || !route.listen().equals(entry.getValue().route().listen())) {
                entry.getValue().close();
                LOG.info("routing mesh: closed {} of service {}", entry.getKey(),
                        entry.getValue().route().serviceName());
                return true;
            }
            return false;
        });
        blocked.keySet().retainAll(routes.keySet());
        blockedBecause.keySet().retainAll(routes.keySet());
        routes.forEach((port, route) -> {
            MeshListener listener = open.get(port);
            if (listener != null) {
                listener.update(route);
            } else {
                boolean wasBlocked = blocked.containsKey(port);
                blocked.put(port, route);
                tryOpen(port, route, !wasBlocked);
            }
        });
    }

    /** The ports open now and the addresses each listens on. */
    public synchronized SortedMap<MeshPort, List<InetSocketAddress>> openPorts() {
        TreeMap<MeshPort, List<InetSocketAddress>> ports = new TreeMap<>();
        open.forEach((port, listener) -> ports.put(port, listener.boundAddresses()));
        return ports;
    }

    /** Published ports this host could not open (in use by something else), with their routes. */
    public synchronized SortedMap<MeshPort, MeshRoute> blockedPorts() {
        return new TreeMap<>(blocked);
    }

    /**
     * One published port as this node holds it: open, with the addresses it listens on, or
     * not, with why the last attempt failed ({@code blockedBecause} empty when open) and whether
     * that was the service's listen restriction ({@code restricted}) rather than the host.
     */
    public record PortState(MeshPort port, MeshRoute route, List<InetSocketAddress> addresses,
                            String blockedBecause, boolean restricted) {
        public boolean open() {
            return blockedBecause.isEmpty();
        }
    }

    /** Why a port is not open; {@code restricted}: on purpose, its {@link ListenRestriction} allows no address here. */
    private record Refusal(String why, boolean restricted) {
    }

    private static final Refusal NOT_YET = new Refusal("not opened yet", false);

    /** Every published port of this node, open ones first, each in port order. */
    public synchronized List<PortState> ports() {
        List<PortState> ports = new ArrayList<>();
        open.forEach((port, listener) ->
                ports.add(new PortState(port, listener.route(), listener.boundAddresses(), "", false)));
        blocked.forEach((port, route) -> {
            Refusal refusal = blockedBecause.getOrDefault(port, NOT_YET);
            ports.add(new PortState(port, route, List.of(), refusal.why(), refusal.restricted()));
        });
        return ports;
    }

    /** Open flows on {@code port} (0 when it is not open). */
    public synchronized int openFlows(MeshPort port) {
        MeshListener listener = open.get(port);
        return listener == null ? 0 : listener.openFlows();
    }

    /** Flows {@code port}'s listener has opened since it was opened (0 when it is not open). */
    public synchronized long totalFlows(MeshPort port) {
        MeshListener listener = open.get(port);
        return listener == null ? 0 : listener.totalFlows();
    }

    private void tryOpen(MeshPort port, MeshRoute route, boolean logFailure) {
        ListenRestriction restriction = route.listen();
        if (restriction.problem() != null) {
            refuse(port, route, new Refusal("not opened: " + restriction.problem(), true), logFailure);
            return;
        }
        List<InetAddress> on = restriction.select(addresses, ownAddresses);
        if (on.isEmpty()) {
            refuse(port, route, new Refusal("not opened: no address of this node is in " + ListenRestriction.LABEL
                    + "=" + restriction + " (this node listens on " + text(addresses) + ")", true), logFailure);
            return;
        }
        MeshListener listener = port.udp() ? new UdpMeshListener(route) : new TcpMeshListener(route);
        try {
            listener.bind(group, transport, on);
            open.put(port, listener);
            blocked.remove(port);
            blockedBecause.remove(port);
            LOG.info("routing mesh: published {} of service {} on {}", port,
                    route.serviceName(), listener.boundAddresses());
        } catch (Exception e) {
            refuse(port, route, new Refusal("cannot listen on " + text(on) + " port " + port.port() + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), false), logFailure);
        }
    }

    /** Records why {@code port} is not open (tried again every retry period), logging it the first time. */
    private void refuse(MeshPort port, MeshRoute route, Refusal why, boolean log) {
        blockedBecause.put(port, why);
        if (log) {
            LOG.warn("routing mesh: published port {} of service {} is not open on this host: {}; trying again"
                    + " every retry period", port, route.serviceName(), why.why());
        }
    }

    private static String text(List<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
    }

    /** This node's IPv4 addresses (the daemon's network namespace), on links that are up. */
    static List<InetAddress> ownIpv4Addresses() {
        List<InetAddress> own = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    Collections.list(nic.getInetAddresses()).stream()
                            .filter(a -> a instanceof Inet4Address).forEach(own::add);
                }
            }
        } catch (SocketException e) {
            LOG.warn("routing mesh: cannot list this node's addresses: {}", e.toString());
        }
        return own;
    }

    private synchronized void retryBlocked() {
        if (closed) {
            return;
        }
        new TreeMap<>(blocked).forEach((port, route) -> tryOpen(port, route, false));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            retries.shutdownNow();
            open.values().forEach(MeshListener::close);
            open.clear();
            blocked.clear();
            blockedBecause.clear();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static InetAddress anyAddress() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
