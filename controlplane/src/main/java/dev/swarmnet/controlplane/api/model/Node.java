package dev.swarmnet.controlplane.api.model;

import java.time.Instant;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A node of the swarm as {@code GET /nodes} returns it (Go {@code swarm.Node}); {@code managerStatus} is {@code null} for
 * workers.
 */
public record Node(
        @JsonProperty("ID") String id,
        Version version,
        Instant createdAt,
        Instant updatedAt,
        NodeSpec spec,
        NodeDescription description,
        NodeStatus status,
        ManagerStatus managerStatus) {
}
