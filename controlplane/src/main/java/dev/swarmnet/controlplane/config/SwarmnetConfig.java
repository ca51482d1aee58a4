package dev.swarmnet.controlplane.config;

import dev.swarmnet.controlplane.cli.client.GoDuration;
import dev.swarmnet.dataplane.conntrack.FlowState;
import dev.swarmnet.dataplane.conntrack.FlowTimeouts;
import dev.swarmnet.dataplane.io.Transport;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every tunable of one {@code swarmnet daemon}, as the configuration file gives them, with the
 * defaults filled in ({@link #defaults()}). One record per section of the file; the record
 * component names are the file's keys. Immutable; validation happens while reading the file
 * ({@link ConfigFile}), so the records only hold values already checked.
 *
 * @param node         this host's identity and state
 * @param api          the Docker API's listeners and limits
 * @param cluster      the cluster and Raft ports
 * @param dataplane    the data plane: VXLAN port, transport, offloads, conntrack
 * @param loadBalancer defaults for services without a {@code swarmnet.lb} label
 * @param ingress      the routing mesh
 * @param dns          the embedded resolver's forwarding of names outside the cluster
 * @param images       image reference → command (words), added to the built-in images
 * @param logging      log levels
 * @param metrics      where Prometheus metrics are served
 */
public record SwarmnetConfig(Node node, Api api, Cluster cluster, Dataplane dataplane, LoadBalancer loadBalancer,
                             Ingress ingress, Dns dns, Map<String, List<String>> images, Logging logging,
                             Metrics metrics) {

    /** Keys whose new values a running daemon applies on reload; every other change needs a restart. */
    public static final Set<String> LIVE_KEYS = liveKeys();
    /** Keys of {@code logging.loggers} are {@code logging.loggers.<logger name>}; all live. */
    private static final String LOGGERS_PREFIX = "logging.loggers.";

    public SwarmnetConfig {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(dataplane, "dataplane");
        Objects.requireNonNull(loadBalancer, "loadBalancer");
        Objects.requireNonNull(ingress, "ingress");
        Objects.requireNonNull(dns, "dns");
        images = Map.copyOf(images);
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** {@code node:}. @param hostname null for the kernel's */
    public record Node(Path dataDir, String hostname, String taskPrefix) {
        public static final Node DEFAULTS = new Node(Path.of("/var/lib/swarmnet"), null, "swarmnet-");
    }

    /** {@code api:}. @param socket null for none; @param tcp null for none (always loopback) */
    public record Api(Path socket, InetSocketAddress tcp, Duration idleTimeout, int maxRequestBytes, int workers) {
        public static final Api DEFAULTS = new Api(Path.of("/run/swarmnet/swarmnet.sock"),
                new InetSocketAddress(loopback(), 2375), Duration.ofMinutes(2), 1 << 20, 4);
    }

    /**
     * {@code cluster:}: the cluster port (join, heartbeats) and a manager's Raft port; the
     * heartbeat period a swarm initialised here starts with; a manager's Raft timings.
     */
    public record Cluster(int port, int raftPort, Duration heartbeatPeriod, Raft raft) {
        public static final Cluster DEFAULTS = new Cluster(2377, 2378, Duration.ofSeconds(5), Raft.DEFAULTS);

        public Cluster {
            Objects.requireNonNull(heartbeatPeriod, "heartbeatPeriod");
            Objects.requireNonNull(raft, "raft");
        }

        /** These settings with other ports. */
        public Cluster withPorts(int clusterPort, int raft) {
            return new Cluster(clusterPort, raft, heartbeatPeriod, this.raft);
        }
    }

    /**
     * {@code cluster.raft:}: elections after {@code electionTimeout} to twice it without a
     * leader; one request to a peer waits {@code requestTimeout}; a change keeps retrying for
     * {@code submitTimeout}. (How often snapshots are taken is the swarm's setting.)
     */
    public record Raft(Duration electionTimeout, Duration requestTimeout, Duration submitTimeout) {
        public static final Raft DEFAULTS = new Raft(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(30));

        public Raft {
            Objects.requireNonNull(electionTimeout, "electionTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(submitTimeout, "submitTimeout");
        }
    }

    /**
     * {@code dataplane:}. @param mtu the largest overlay MTU this node carries, and the MTU of
     * networks created on this manager without an MTU option
     */
    public record Dataplane(int port, Transport transport, boolean offloads, int mtu, Conntrack conntrack) {
        public static final int MIN_MTU = 576;
        public static final int MAX_MTU = 9000;
        public static final Dataplane DEFAULTS = new Dataplane(4789, Transport.EPOLL, true, 1450, Conntrack.DEFAULTS);
    }

    /** {@code dataplane.conntrack:}: most flows tracked at once, and idle timeouts per flow state. */
    public record Conntrack(int capacity, Map<String, Duration> timeouts) {
        /** The keys of {@code timeouts:}, in the file's order, and the flow state each sets. */
        public static final Map<String, Integer> STATES = states();
        public static final Conntrack DEFAULTS = new Conntrack(1 << 18, timeoutsOf(FlowTimeouts.defaults()));

        public Conntrack {
            timeouts = Map.copyOf(timeouts);
        }

        /** The timeouts as the data plane takes them. */
        public FlowTimeouts flowTimeouts() {
            FlowTimeouts.Builder builder = FlowTimeouts.builder();
            timeouts.forEach((key, value) -> builder.timeout(STATES.get(key), value.toNanos()));
            return builder.build();
        }

        private static Map<String, Integer> states() {
            Map<String, Integer> states = new LinkedHashMap<>();
            states.put("tcpSynSent", FlowState.SYN_SENT);
            states.put("tcpSynRecv", FlowState.SYN_RECV);
            states.put("tcpEstablished", FlowState.ESTABLISHED);
            states.put("tcpFinWait", FlowState.FIN_WAIT);
            states.put("tcpCloseWait", FlowState.CLOSE_WAIT);
            states.put("tcpLastAck", FlowState.LAST_ACK);
            states.put("tcpTimeWait", FlowState.TIME_WAIT);
            states.put("tcpClose", FlowState.CLOSE);
            states.put("udp", FlowState.UDP_UNREPLIED);
            states.put("udpStream", FlowState.UDP_REPLIED);
            states.put("icmp", FlowState.ICMP);
            return java.util.Collections.unmodifiableMap(states);
        }

        private static Map<String, Duration> timeoutsOf(FlowTimeouts timeouts) {
            Map<String, Duration> map = new LinkedHashMap<>();
            states().forEach((key, state) -> map.put(key, Duration.ofNanos(timeouts.timeoutNs(state))));
            return map;
        }
    }

    /** {@code loadBalancer:}: the algorithm ({@link LbAlgorithm}) of services without a label. */
    public record LoadBalancer(int algorithm) {
        public static final LoadBalancer DEFAULTS = new LoadBalancer(LbAlgorithm.ROUND_ROBIN);
    }

    /**
     * {@code ingress:}: the addresses published ports listen on, and idle timeouts of flows of
     * services without a {@code swarmnet.ingress.idle-timeout} label.
     */
    public record Ingress(List<InetAddress> listen, int threads, Duration tcpIdleTimeout, Duration udpIdleTimeout) {
        public static final Ingress DEFAULTS = new Ingress(List.of(any()), 2, Duration.ofMinutes(15),
                Duration.ofSeconds(30));

        public Ingress {
            listen = List.copyOf(listen);
        }
    }

    /**
     * {@code dns:}. @param upstreams resolvers for names outside the cluster, null for the
     * host's {@code /etc/resolv.conf}
     */
    public record Dns(List<InetSocketAddress> upstreams, Duration timeout, int maxConcurrentForwards) {
        public static final Dns DEFAULTS = new Dns(null, Duration.ofSeconds(2), 256);

        public Dns {
            upstreams = upstreams == null ? null : List.copyOf(upstreams);
        }
    }

    /**
     * {@code logging:}: the level of every logger ({@link #LEVELS}), and levels of named loggers
     * (a package or class name) that differ from it.
     */
    public record Logging(String level, Map<String, String> loggers) {
        public static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");
        public static final Logging DEFAULTS = new Logging("info", Map.of());

        public Logging {
            Objects.requireNonNull(level, "level");
            loggers = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(loggers));
        }
    }

    /** {@code metrics:}. @param listen null for none */
    public record Metrics(InetSocketAddress listen) {
        public static final Metrics DEFAULTS = new Metrics(new InetSocketAddress(loopback(), 9323));
    }

    /** Every default; equal to what the example file ({@link ConfigFile#exampleText()}) reads as. */
    public static SwarmnetConfig defaults() {
        return new SwarmnetConfig(Node.DEFAULTS, Api.DEFAULTS, Cluster.DEFAULTS, Dataplane.DEFAULTS,
                LoadBalancer.DEFAULTS, Ingress.DEFAULTS, Dns.DEFAULTS, Map.of(), Logging.DEFAULTS, Metrics.DEFAULTS);
    }

    public SwarmnetConfig withNode(Node value) {
        return new SwarmnetConfig(value, api, cluster, dataplane, loadBalancer, ingress, dns, images, logging, metrics);
    }

    public SwarmnetConfig withApi(Api value) {
        return new SwarmnetConfig(node, value, cluster, dataplane, loadBalancer, ingress, dns, images, logging, metrics);
    }

    public SwarmnetConfig withCluster(Cluster value) {
        return new SwarmnetConfig(node, api, value, dataplane, loadBalancer, ingress, dns, images, logging, metrics);
    }

    public SwarmnetConfig withLogging(Logging value) {
        return new SwarmnetConfig(node, api, cluster, dataplane, loadBalancer, ingress, dns, images, value, metrics);
    }

    public SwarmnetConfig withMetrics(Metrics value) {
        return new SwarmnetConfig(node, api, cluster, dataplane, loadBalancer, ingress, dns, images, logging, value);
    }

    /**
     * This configuration with the live keys ({@link #LIVE_KEYS}) taken from {@code next}: what a
     * running daemon has in effect after a reload.
     */
    public SwarmnetConfig withLiveKeysOf(SwarmnetConfig next) {
        Ingress liveIngress = new Ingress(ingress.listen(), ingress.threads(), next.ingress.tcpIdleTimeout(),
                next.ingress.udpIdleTimeout());
        Dataplane liveDataplane = new Dataplane(dataplane.port(), dataplane.transport(), dataplane.offloads(),
                dataplane.mtu(), new Conntrack(dataplane.conntrack().capacity(), next.dataplane.conntrack().timeouts()));
        return new SwarmnetConfig(node, api, cluster, liveDataplane, next.loadBalancer, liveIngress, dns, images,
                next.logging, metrics);
    }

    /** Whether {@code key} (as {@link #keys()} names it) is applied by a running daemon on reload. */
    public static boolean isLive(String key) {
        return LIVE_KEYS.contains(key) || key.startsWith(LOGGERS_PREFIX);
    }

    private static Set<String> liveKeys() {
        Set<String> keys = new java.util.TreeSet<>(Set.of("loadBalancer.algorithm", "ingress.tcpIdleTimeout",
                "ingress.udpIdleTimeout", "logging.level"));
        Conntrack.STATES.keySet().forEach(key -> keys.add("dataplane.conntrack.timeouts." + key));
        return Set.copyOf(keys);
    }

    /** Every key as {@code section.key} (conntrack timeouts as {@code dataplane.conntrack.timeouts.udp}) → value text. */
    public Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("node.dataDir", node.dataDir().toString());
        keys.put("node.hostname", node.hostname() == null ? "(the kernel's)" : node.hostname());
        keys.put("node.taskPrefix", node.taskPrefix());
        keys.put("api.socket", pathOrNone(api.socket()));
        keys.put("api.tcp", address(api.tcp()));
        keys.put("api.idleTimeout", duration(api.idleTimeout()));
        keys.put("api.maxRequestBytes", Integer.toString(api.maxRequestBytes()));
        keys.put("api.workers", Integer.toString(api.workers()));
        keys.put("cluster.port", Integer.toString(cluster.port()));
        keys.put("cluster.raftPort", Integer.toString(cluster.raftPort()));
        keys.put("cluster.heartbeatPeriod", duration(cluster.heartbeatPeriod()));
        keys.put("cluster.raft.electionTimeout", duration(cluster.raft().electionTimeout()));
        keys.put("cluster.raft.requestTimeout", duration(cluster.raft().requestTimeout()));
        keys.put("cluster.raft.submitTimeout", duration(cluster.raft().submitTimeout()));
        keys.put("dataplane.port", Integer.toString(dataplane.port()));
        keys.put("dataplane.transport", dataplane.transport().name().toLowerCase(java.util.Locale.ROOT));
        keys.put("dataplane.offloads", Boolean.toString(dataplane.offloads()));
        keys.put("dataplane.mtu", Integer.toString(dataplane.mtu()));
        keys.put("dataplane.conntrack.capacity", Integer.toString(dataplane.conntrack().capacity()));
        Conntrack.STATES.keySet().forEach(key -> keys.put("dataplane.conntrack.timeouts." + key,
                duration(dataplane.conntrack().timeouts().get(key))));
        keys.put("loadBalancer.algorithm", LbAlgorithm.name(loadBalancer.algorithm()));
        keys.put("ingress.listen", ingress.listen().stream().map(InetAddress::getHostAddress).toList().toString());
        keys.put("ingress.threads", Integer.toString(ingress.threads()));
        keys.put("ingress.tcpIdleTimeout", duration(ingress.tcpIdleTimeout()));
        keys.put("ingress.udpIdleTimeout", duration(ingress.udpIdleTimeout()));
        keys.put("dns.upstreams", dns.upstreams() == null ? "system"
                : dns.upstreams().stream().map(SwarmnetConfig::address).toList().toString());
        keys.put("dns.timeout", duration(dns.timeout()));
        keys.put("dns.maxConcurrentForwards", Integer.toString(dns.maxConcurrentForwards()));
        new java.util.TreeMap<>(images).forEach((image, argv) -> keys.put("images." + image, argv.toString()));
        keys.put("logging.level", logging.level());
        logging.loggers().forEach((name, level) -> keys.put(LOGGERS_PREFIX + name, level));
        keys.put("metrics.listen", address(metrics.listen()));
        return keys;
    }

    /** The keys whose values differ between this configuration and {@code other}, in file order. */
    public List<String> changedKeys(SwarmnetConfig other) {
        Map<String, String> mine = keys();
        Map<String, String> theirs = other.keys();
        Set<String> all = new java.util.LinkedHashSet<>(mine.keySet());
        all.addAll(theirs.keySet());
        return all.stream().filter(key -> !Objects.equals(mine.get(key), theirs.get(key))).toList();
    }

    private static String pathOrNone(Path path) {
        return path == null ? "none" : path.toString();
    }

    private static String address(InetSocketAddress address) {
        if (address == null) {
            return "none";
        }
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static String duration(Duration duration) {
        return GoDuration.format(duration.toNanos());
    }

    private static InetAddress loopback() {
        return literal(new byte[] {127, 0, 0, 1});
    }

    private static InetAddress any() {
        return literal(new byte[4]);
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
