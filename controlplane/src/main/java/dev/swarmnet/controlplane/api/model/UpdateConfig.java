package dev.swarmnet.controlplane.api.model;

/**
 * How an update or rollback rolls (Go {@code swarm.UpdateConfig}); durations in nanoseconds.
 *
 * @param failureAction {@code pause}, {@code continue} or {@code rollback}
 * @param order         {@code stop-first} or {@code start-first}
 */
public record UpdateConfig(long parallelism, Long delay, String failureAction, Long monitor, double maxFailureRatio,
                           String order) {
}
