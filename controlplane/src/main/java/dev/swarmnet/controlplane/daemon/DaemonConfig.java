package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ApiServerConfig;
import dev.swarmnet.controlplane.api.ConfigReloads;
import dev.swarmnet.controlplane.config.SwarmnetConfig;
import dev.swarmnet.controlplane.runtime.ImageCatalog;
import dev.swarmnet.controlplane.runtime.RuntimeSettings;
import dev.swarmnet.dataplane.io.DataPlaneConfig;
import dev.swarmnet.dataplane.io.ResolverConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How one {@code swarmnet daemon} runs; distinct data directories, sockets and ports let several
 * run on one machine. Immutable (the agent's {@link LiveSettings} cell excepted).
 *
 * @param dataDir       state directory ({@link DataDir})
 * @param api           where the Docker API listens
 * @param raftPort      the Raft port managers bind on their advertise IP
 * @param clusterPort   the cluster port (join, heartbeats), used when {@code swarm init}/{@code join} name none
 * @param hostname      the node's hostname in the swarm, or {@code null} for the kernel's
 * @param agent         how this node runs tasks and its data plane, or {@code null} for a node that
 *                      runs none (control-plane tests that put several nodes in one JVM)
 * @param metricsListen where Prometheus metrics are to be served, or {@code null} for nowhere
 * @param reloads       what answers {@code POST /swarmnet/config/reload}, or {@code null} when this
 *                      daemon has no configuration file to re-read
 * @param manager       Raft timings and defaults of this node as a manager
 */
public record DaemonConfig(Path dataDir, ApiServerConfig api, int raftPort, int clusterPort, String hostname,
                           AgentSettings agent, InetSocketAddress metricsListen, ConfigReloads reloads,
                           ManagerSettings manager) {
    public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/swarmnet");
    public static final int DEFAULT_CLUSTER_PORT = 2377;

    public DaemonConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(manager, "manager");
        for (int port : new int[] {raftPort, clusterPort}) {
            if (port < 1 || port > 0xffff) {
                throw new IllegalArgumentException("port " + port + " is outside 1..65535");
            }
        }
        if (raftPort == clusterPort) {
            throw new IllegalArgumentException("the Raft port and the cluster port must differ, both are " + raftPort);
        }
    }

    /** A node with an agent, no metrics and no reload. */
    public DaemonConfig(Path dataDir, ApiServerConfig api, int raftPort, int clusterPort, String hostname,
                        AgentSettings agent) {
        this(dataDir, api, raftPort, clusterPort, hostname, agent, null, null, ManagerSettings.DEFAULTS);
    }

    /** The same node with its metrics endpoint on {@code listen} ({@code null}: none). */
    public DaemonConfig withMetricsListen(InetSocketAddress listen) {
        return new DaemonConfig(dataDir, api, raftPort, clusterPort, hostname, agent, listen, reloads, manager);
    }

    /** A node that runs no tasks and no data plane (control-plane tests). */
    public DaemonConfig(Path dataDir, ApiServerConfig api, int raftPort, int clusterPort, String hostname) {
        this(dataDir, api, raftPort, clusterPort, hostname, null);
    }

    /**
     * The daemon that a configuration file describes, its live tunables in {@code live} (which
     * should hold {@code LiveSettings.Values.of(file)}).
     */
    public static DaemonConfig of(SwarmnetConfig file, LiveSettings live) {
        SwarmnetConfig.Api a = file.api();
        ApiServerConfig api = new ApiServerConfig(a.socket(), a.tcp(), false, a.maxRequestBytes(), a.idleTimeout(),
                a.workers());
        Path data = file.node().dataDir();
        RuntimeSettings defaults = RuntimeSettings.defaults();
        RuntimeSettings runtime = new RuntimeSettings(file.node().taskPrefix(), data.resolve("tasks"),
                data.resolve("logs"), defaults.netnsEtcDir(), file.dataplane().offloads());
        SwarmnetConfig.Dataplane d = file.dataplane();
        DataPlaneConfig dataPlane = DataPlaneConfig.defaults()
                .withUnderlay("0.0.0.0", d.port())
                .withConntrackCapacity(d.conntrack().capacity())
                .withTimeouts(d.conntrack().flowTimeouts())
                .withTapOffloads(d.offloads())
                .withTransport(d.transport())
                .withOverlayMtu(d.mtu());
        SwarmnetConfig.Dns dns = file.dns();
        ResolverConfig resolver = new ResolverConfig(dns.upstreams() == null ? List.of() : dns.upstreams(),
                dns.timeout().toMillis(), dns.maxConcurrentForwards());
        AgentSettings agent = new AgentSettings(runtime, ImageCatalog.of(file.images()), dataPlane, resolver,
                dns.upstreams() == null, file.ingress().listen(), file.ingress().threads(), live);
        SwarmnetConfig.Cluster c = file.cluster();
        ManagerSettings manager = new ManagerSettings(c.heartbeatPeriod(), c.raft().electionTimeout(),
                c.raft().requestTimeout(), c.raft().submitTimeout(), d.mtu());
        return new DaemonConfig(data, api, c.raftPort(), c.port(), file.node().hostname(),
                agent, file.metrics().listen(), null, manager);
    }

    /** The same node with {@code settings} as its manager settings. */
    public DaemonConfig withManager(ManagerSettings settings) {
        return new DaemonConfig(dataDir, api, raftPort, clusterPort, hostname, agent, metricsListen, reloads, settings);
    }

    /** The same, with {@code answer} answering configuration reloads. */
    public DaemonConfig withReloads(ConfigReloads answer) {
        return new DaemonConfig(dataDir, api, raftPort, clusterPort, hostname, agent, metricsListen, answer, manager);
    }
}
