package dev.swarmnet.controlplane.api.model;

/**
 * When an ended task is replaced (Go {@code swarm.RestartPolicy}); durations in nanoseconds,
 * {@code null} for the default.
 *
 * @param condition {@code none}, {@code on-failure} or {@code any}
 */
public record RestartPolicy(String condition, Long delay, Long maxAttempts, Long window) {
}
