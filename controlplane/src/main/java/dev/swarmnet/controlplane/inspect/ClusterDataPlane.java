package dev.swarmnet.controlplane.inspect;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every node's data-plane view as one manager gathered them, sorted by hostname. Immutable.
 *
 * @param localNodeId the node that gathered them (Docker's {@code Services} show its own view)
 * @param nodes       one entry per node of the cluster
 */
public record ClusterDataPlane(String localNodeId, List<NodeDataPlane> nodes) {
    public ClusterDataPlane {
        Objects.requireNonNull(localNodeId, "localNodeId");
        nodes = nodes == null ? List.of() : nodes.stream()
                .sorted(Comparator.comparing(NodeDataPlane::hostname).thenComparing(NodeDataPlane::nodeId))
                .toList();
    }

    /** The gathering node's own view, when it answered. */
    public Optional<DataPlaneView> local() {
        return nodes.stream().filter(n -> n.nodeId().equals(localNodeId) && n.view() != null)
                .map(NodeDataPlane::view).findFirst();
    }
}
