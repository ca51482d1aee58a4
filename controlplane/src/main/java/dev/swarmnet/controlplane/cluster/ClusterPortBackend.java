package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.cluster.ClusterMessage.ManagerEndpoint;
import dev.swarmnet.controlplane.dispatcher.Dispatcher;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.store.Outcome;
import dev.swarmnet.controlplane.store.ClusterStore;
import dev.swarmnet.controlplane.trust.ClusterCa;
import dev.swarmnet.controlplane.trust.JoinTokens;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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

    /** This manager's replicated state as applied locally (assignment streams read it). */
    default ClusterState currentState() {
        return store().local();
    }

    /**
     * Registers {@code listener} to be told each new local state after it is applied (on any
     * thread, in apply order, quickly: it only records the state and wakes the streams). Returns
     * {@code false} when the backend cannot notify; the server then polls {@link #currentState()}
     * every 100 ms instead. Called once, when the server starts.
     */
    default boolean watchState(Consumer<ClusterState> listener) {
        return false;
    }

    /** Proposes {@code command} to the replicated store (the leader's task-status reports). */
    default CompletableFuture<Outcome> submit(Command command) {
        return store().submit(command);
    }

    /**
     * Where task {@code taskId}'s log file is on this node ({@code RuntimeSettings.logFileOf}),
     * or empty when this node keeps no logs; a path whose file does not exist is fine (the task
     * is skipped). Called on the {@code task-logs} thread; must not block on the network.
     */
    default Optional<Path> taskLogFile(String taskId) {
        return Optional.empty();
    }

    /**
     * What this node's data plane holds for the VIPs now ({@code data-plane-view}), or empty when
     * this node runs no data plane. Called on the {@code cluster-port-work} thread; may wait
     * briefly for the data plane's event loop, never on the network.
     */
    default Optional<dev.swarmnet.controlplane.inspect.DataPlaneView> dataPlaneView() {
        return Optional.empty();
    }

    /** Wall-clock milliseconds stamped on log lines as they are read. */
    default long nowMillis() {
        return System.currentTimeMillis();
    }

    /** Monotonic time for heartbeats. */
    default long nowNanos() {
        return System.nanoTime();
    }

    /** Wall-clock time for certificate validity. */
    default Instant now() {
        return Instant.now();
    }
}
