package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A task as {@code GET /tasks} returns it (Go {@code swarm.Task}, docker-api.md §3.6). The CLI
 * names tasks itself ({@code service.slot}), so there is no {@code Name}. {@code spec} must carry
 * a {@code ContainerSpec}, and {@code createdAt} and {@code status.timestamp} must be set.
 *
 * @param slot         1.. for a replicated service, 0 for a global one
 * @param desiredState a {@code TaskState} wire word, e.g. {@code running} or {@code shutdown}
 */
public record Task(
        @JsonProperty("ID") String id,
        Version version,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> labels,
        TaskSpec spec,
        @JsonProperty("ServiceID") String serviceId,
        int slot,
        @JsonProperty("NodeID") String nodeId,
        TaskStatus status,
        String desiredState,
        List<NetworkAttachment> networksAttachments) {

    /** Go {@code swarm.TaskStatus}: the last observed state. {@code err} is {@code null} unless it failed. */
    public record TaskStatus(Instant timestamp, String state, String message, String err,
                             ContainerStatus containerStatus) {
    }

    /** Go {@code swarm.ContainerStatus}: the task's process. */
    public record ContainerStatus(@JsonProperty("ContainerID") String containerId, @JsonProperty("PID") int pid,
                                  int exitCode) {
    }

    /** Go {@code swarm.NetworkAttachment}: the network and the task's addresses on it ({@code 10.0.1.3/24}). */
    public record NetworkAttachment(Network network, List<String> addresses) {
    }
}
