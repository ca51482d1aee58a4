package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** This node's view of the swarm (Go {@code swarm.Info}, {@code GET /info} → {@code Swarm}); {@code cluster} only on managers. */
public record SwarmInfo(
        @JsonProperty("NodeID") String nodeId,
        String nodeAddr,
        LocalNodeState localNodeState,
        boolean controlAvailable,
        String error,
        List<Peer> remoteManagers,
        Integer nodes,
        Integer managers,
        ClusterInfo cluster) {
}
