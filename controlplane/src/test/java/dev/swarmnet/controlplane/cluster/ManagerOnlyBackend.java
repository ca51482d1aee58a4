package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.cluster.ClusterMessage.ManagerEndpoint;
import dev.swarmnet.controlplane.dispatcher.Dispatcher;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.store.ClusterStore;
import dev.swarmnet.controlplane.trust.ClusterCa;
import dev.swarmnet.controlplane.trust.JoinTokens;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A cluster-port backend for tests of one request kind: the leading (and only) manager of cluster
 * {@code clusterId}, with no state, store, CA or dispatcher behind it. Subclasses answer the
 * request they test (task logs, data-plane views); anything else fails loudly.
 */
abstract class ManagerOnlyBackend implements ClusterPortBackend {
    private final String clusterId;

    ManagerOnlyBackend(String clusterId) {
        this.clusterId = clusterId;
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public boolean watchState(Consumer<ClusterState> listener) {
        return true;
    }

    @Override
    public ClusterState currentState() {
        return null;
    }

    @Override
    public JoinTokens joinTokens() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ClusterCa ca() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ClusterStore store() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Dispatcher dispatcher() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isLeader() {
        return true;
    }

    @Override
    public Optional<String> leaderClusterAddr() {
        return Optional.empty();
    }

    @Override
    public List<ManagerEndpoint> managers() {
        return List.of();
    }
}
