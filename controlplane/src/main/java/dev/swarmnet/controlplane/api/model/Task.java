package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A task as {@code GET /tasks} returns it (Go {@code swarm.Task}, docker-api.md §3.6). No code
 * creates one yet: this build schedules no services, so task lists are empty. {@code spec} must
 * carry a {@code ContainerSpec} once tasks exist, or the CLI's table formatter crashes.
 *
 * @param status {@code State}, {@code Timestamp}, {@code Message}, {@code Err} as in Docker
 */
public record Task(
        @JsonProperty("ID") String id,
        Version version,
        Instant createdAt,
        Instant updatedAt,
        @JsonProperty("ServiceID") String serviceId,
        @JsonProperty("NodeID") String nodeId,
        int slot,
        String desiredState,
        JsonNode spec,
        JsonNode status) {
}
