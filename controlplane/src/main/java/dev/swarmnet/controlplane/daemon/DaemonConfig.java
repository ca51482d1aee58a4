package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ApiServerConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How one {@code swarmnet daemon} runs; distinct data directories, sockets and ports let several
 * run on one machine. Immutable.
 *
 * @param dataDir     state directory ({@link DataDir})
 * @param api         where the Docker API listens
 * @param raftPort    the Raft port managers bind on their advertise IP
 * @param clusterPort the cluster port (join, heartbeats), used when {@code swarm init}/{@code join} name none
 * @param hostname    the node's hostname in the swarm, or {@code null} for the kernel's
 * @param agent       how this node runs tasks and its data plane, or {@code null} for a node that
 *                    runs none (control-plane tests that put several nodes in one JVM)
 * @param metricsListen where the Prometheus endpoint ({@code GET /metrics}) listens, or {@code null}
 *                    for none ({@code MetricsServer.DEFAULT_LISTEN} is 127.0.0.1:9323)
 */
public record DaemonConfig(Path dataDir, ApiServerConfig api, int raftPort, int clusterPort, String hostname,
                           AgentSettings agent, InetSocketAddress metricsListen) {
    public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/swarmnet");
    public static final int DEFAULT_CLUSTER_PORT = 2377;

    public DaemonConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(api, "api");
        for (int port : new int[] {raftPort, clusterPort}) {
            if (port < 1 || port > 0xffff) {
                throw new IllegalArgumentException("port " + port + " is outside 1..65535");
            }
        }
        if (raftPort == clusterPort) {
            throw new IllegalArgumentException("the Raft port and the cluster port must differ, both are " + raftPort);
        }
    }

    /** A node without a metrics endpoint. */
    public DaemonConfig(Path dataDir, ApiServerConfig api, int raftPort, int clusterPort, String hostname,
                        AgentSettings agent) {
        this(dataDir, api, raftPort, clusterPort, hostname, agent, null);
    }

    /** The same node with its metrics endpoint on {@code listen} ({@code null}: none). */
    public DaemonConfig withMetricsListen(InetSocketAddress listen) {
        return new DaemonConfig(dataDir, api, raftPort, clusterPort, hostname, agent, listen);
    }

    /** A node that runs no tasks and no data plane (control-plane tests). */
    public DaemonConfig(Path dataDir, ApiServerConfig api, int raftPort, int clusterPort, String hostname) {
        this(dataDir, api, raftPort, clusterPort, hostname, null);
    }
}
