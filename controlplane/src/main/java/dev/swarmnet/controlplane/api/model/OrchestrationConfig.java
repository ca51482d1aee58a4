package dev.swarmnet.controlplane.api.model;

/** Orchestration settings of the swarm spec; {@code null} fields are Go's omitted zero values. */
public record OrchestrationConfig(Long taskHistoryRetentionLimit) {
}
