package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.raft.RaftStoreConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How this node acts when it is a manager: its Raft timings, the heartbeat period of a swarm it
 * initialises (when {@code swarm init} gives none), and the MTU of overlay networks created
 * through it without an MTU option. Immutable.
 *
 * @param heartbeatPeriod the agents' heartbeat period a new swarm starts with
 * @param electionTimeout elections after this to twice it without a leader
 * @param requestTimeout  how long one Raft client attempt waits before it is retried (on another
 *                        manager when that one does not answer)
 * @param submitTimeout   how long a change keeps being retried before the API call fails
 * @param networkMtu      the MTU given to networks created without one
 */
public record ManagerSettings(Duration heartbeatPeriod, Duration electionTimeout, Duration requestTimeout,
                              Duration submitTimeout, int networkMtu) {
    /** swarmkit's heartbeat (5 s), elections after 1–2 s, a 1450-byte overlay MTU. */
    public static final ManagerSettings DEFAULTS = new ManagerSettings(Duration.ofSeconds(5), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(30), Network.DEFAULT_MTU);

    public ManagerSettings {
        Objects.requireNonNull(heartbeatPeriod, "heartbeatPeriod");
        Objects.requireNonNull(electionTimeout, "electionTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(submitTimeout, "submitTimeout");
        if (heartbeatPeriod.isNegative() || heartbeatPeriod.isZero()) {
            throw new IllegalArgumentException("the heartbeat period must be positive: " + heartbeatPeriod);
        }
    }

    /** The Raft member's configuration, with these timings. */
    RaftStoreConfig raft(String clusterId, String nodeId, String host, int port, java.nio.file.Path dataDir) {
        return RaftStoreConfig.of(clusterId, nodeId, host, port, dataDir)
                .withElectionTimeout(electionTimeout, electionTimeout.multipliedBy(2))
                .withRequestTimeout(requestTimeout, submitTimeout);
    }
}
