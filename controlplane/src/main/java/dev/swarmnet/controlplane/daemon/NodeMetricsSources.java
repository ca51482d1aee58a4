package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.dispatcher.Dispatcher;
import dev.swarmnet.controlplane.ingress.MeshController;
import dev.swarmnet.controlplane.metrics.MetricsSources;
import dev.swarmnet.controlplane.metrics.PortOwner;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.raft.RaftStore;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.dataplane.io.DataPlane;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link NodeBackend} offers the metrics endpoint, read afresh on each call: its agent
 * (data plane, ports, routing mesh, local tasks) while it has one, and its manager (Raft,
 * dispatcher, local cluster state) while it is one. Any thread; never blocks on the lifecycle lock.
 */
final class NodeMetricsSources implements MetricsSources {
    private final NodeBackend backend;

    NodeMetricsSources(NodeBackend backend) {
        this.backend = backend;
    }

    @Override
    public Optional<DataPlane> dataPlane() {
        return Optional.ofNullable(backend.currentAgent()).map(NodeAgent::dataPlane);
    }

    @Override
    public List<PortOwner> ports() {
        NodeAgent agent = backend.currentAgent();
        return agent == null ? List.of() : agent.portOwners();
    }

    @Override
    public Optional<MeshController> mesh() {
        return Optional.ofNullable(backend.currentAgent()).map(NodeAgent::mesh);
    }

    @Override
    public Map<TaskState, Integer> localTaskStates() {
        NodeAgent agent = backend.currentAgent();
        return agent == null ? Map.of() : agent.taskStates();
    }

    @Override
    public Optional<RaftStore> raft() {
        return Optional.ofNullable(backend.currentManager()).map(manager -> manager.store().raft());
    }

    @Override
    public Optional<Dispatcher> dispatcher() {
        return Optional.ofNullable(backend.currentManager()).map(Manager::dispatcher);
    }

    @Override
    public Optional<ClusterState> clusterState() {
        return Optional.ofNullable(backend.currentManager()).map(manager -> manager.store().local());
    }
}
