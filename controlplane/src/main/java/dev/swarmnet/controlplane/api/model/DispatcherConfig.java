package dev.swarmnet.controlplane.api.model;

/** Dispatcher settings of the swarm spec; {@code heartbeatPeriod} is in nanoseconds. */
public record DispatcherConfig(Long heartbeatPeriod) {
}
