package dev.swarmnet.controlplane.inspect;

import java.util.Objects;

/**
 * One node's answer to a manager asking for data-plane views: its view, or why there is none.
 * Exactly one of {@code view} and {@code error} is non-null. Immutable.
 *
 * @param nodeId   the node
 * @param hostname its hostname (the key the API shows it under)
 * @param view     what its data plane holds, or null
 * @param error    why it gave none ({@code node unreachable: connection refused}), or null
 */
public record NodeDataPlane(String nodeId, String hostname, DataPlaneView view, String error) {
    public NodeDataPlane {
        Objects.requireNonNull(nodeId, "nodeId");
        hostname = hostname == null || hostname.isEmpty() ? nodeId : hostname;
        if ((view == null) == (error == null)) {
            throw new IllegalArgumentException("node " + nodeId + ": give either a view or an error");
        }
    }

    public static NodeDataPlane answered(String nodeId, String hostname, DataPlaneView view) {
        return new NodeDataPlane(nodeId, hostname, Objects.requireNonNull(view, "view"), null);
    }

    public static NodeDataPlane failed(String nodeId, String hostname, String error) {
        return new NodeDataPlane(nodeId, hostname, null, Objects.requireNonNull(error, "error"));
    }
}
