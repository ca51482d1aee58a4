package dev.swarmnet.controlplane.metrics;

import dev.swarmnet.controlplane.dispatcher.Dispatcher;
import dev.swarmnet.controlplane.ingress.MeshController;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.raft.RaftStore;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.dataplane.io.DataPlane;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a node offers to be measured, asked afresh on every scrape because a node's parts come
 * and go (the agent and data plane appear on {@code swarm init}/{@code join}, the Raft member
 * on promotion, and all go on leave). Every method answers "nothing" (empty) for a part the
 * node does not have now, which is also what each answers unless overridden; none blocks for
 * long. Called on the scrape thread.
 */
public interface MetricsSources {
    /** This node's running data plane. */
    default Optional<DataPlane> dataPlane() {
        return Optional.empty();
    }

    /** The data plane's attached ports and whose they are. */
    default List<PortOwner> ports() {
        return List.of();
    }

    /** The routing mesh's published-port listeners. */
    default Optional<MeshController> mesh() {
        return Optional.empty();
    }

    /** How many of this node's tasks are in each state (as last reported by its supervisor). */
    default Map<TaskState, Integer> localTaskStates() {
        return Map.of();
    }

    /** This manager's Raft member. */
    default Optional<RaftStore> raft() {
        return Optional.empty();
    }

    /** This manager's heartbeat dispatcher (its last-heard times matter only while it leads). */
    default Optional<Dispatcher> dispatcher() {
        return Optional.empty();
    }

    /** This manager's local copy of the replicated cluster state. */
    default Optional<ClusterState> clusterState() {
        return Optional.empty();
    }

    /** A node with nothing to measure. */
    static MetricsSources none() {
        return new MetricsSources() {
        };
    }
}
