package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.cluster.ClusterMessage.ManagerEndpoint;
import dev.swarmnet.controlplane.dispatcher.Dispatcher;
import dev.swarmnet.controlplane.store.ClusterStore;
import dev.swarmnet.controlplane.trust.ClusterCa;
import dev.swarmnet.controlplane.trust.JoinTokens;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the cluster-port server needs from the manager daemon. Every method may be called from
 * any event-loop thread and must be cheap and non-blocking (values already in memory).
 */
public interface ClusterPortBackend {

    /** The cluster id: the O of every node certificate. */
    String clusterId();

    /** The join tokens now in force (they change when rotated). */
    JoinTokens joinTokens();

    /** The cluster CA with its private key: this manager signs node certificates. */
    ClusterCa ca();

    /** The replicated store: joins are {@code AddNode} commands; {@code raft()} adds managers. */
    ClusterStore store();

    /** The leader's dispatcher, which records heartbeats. */
    Dispatcher dispatcher();

    /** Whether this manager leads the Raft group now. */
    boolean isLeader();

    /** The leader's cluster-port address ({@code ip:port}), if a leader is known. */
    Optional<String> leaderClusterAddr();

    /** Every manager's cluster-port and Raft addresses, for joining nodes. */
    List<ManagerEndpoint> managers();

    /** Monotonic time for heartbeats. */
    default long nowNanos() {
        return System.nanoTime();
    }

    /** Wall-clock time for certificate validity. */
    default Instant now() {
        return Instant.now();
    }
}
