package dev.swarmnet.controlplane.api.model;

/**
 * Task counts of a service (Go {@code swarm.ServiceStatus}); {@code service ls} prints
 * {@code RunningTasks/DesiredTasks} as REPLICAS.
 */
public record ServiceStatus(long runningTasks, long desiredTasks, long completedTasks) {
}
