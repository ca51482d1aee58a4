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
 * node does not have now; none blocks for long. Called on the scrape thread.
 */
public interface MetricsSources {
    /** This node's running data plane. */
    Optional<DataPlane> dataPlane();

    /** The data plane's attached ports and whose they are. */
    List<PortOwner> ports();

    /** The routing mesh's published-port listeners. */
    Optional<MeshController> mesh();

    /** How many of this node's tasks are in each state (as last reported by its supervisor). */
    Map<TaskState, Integer> localTaskStates();

    /** This manager's Raft member. */
    Optional<RaftStore> raft();

    /** This manager's heartbeat dispatcher (its last-heard times matter only while it leads). */
    Optional<Dispatcher> dispatcher();

    /** This manager's local copy of the replicated cluster state. */
    Optional<ClusterState> clusterState();

    /** A node with nothing to measure. */
    static MetricsSources none() {
        return new MetricsSources() {
            @Override
            public Optional<DataPlane> dataPlane() {
                return Optional.empty();
            }

            @Override
            public List<PortOwner> ports() {
                return List.of();
            }

            @Override
            public Optional<MeshController> mesh() {
                return Optional.empty();
            }

            @Override
            public Map<TaskState, Integer> localTaskStates() {
                return Map.of();
            }

            @Override
            public Optional<RaftStore> raft() {
                return Optional.empty();
            }

            @Override
            public Optional<Dispatcher> dispatcher() {
                return Optional.empty();
            }

            @Override
            public Optional<ClusterState> clusterState() {
                return Optional.empty();
            }
        };
    }
}
