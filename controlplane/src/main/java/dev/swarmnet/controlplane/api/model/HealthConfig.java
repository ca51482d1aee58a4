package dev.swarmnet.controlplane.api.model;

import java.util.List;

/**
 * A task's health check (Go {@code container.HealthConfig}); durations in nanoseconds, {@code null}
 * or 0 for Docker's defaults.
 *
 * @param test          {@code ["CMD", ...]}, {@code ["CMD-SHELL", "..."]} or {@code ["NONE"]}
 * @param startInterval probe interval during the start period (API 1.44+); swarmnet honours only 0/absent
 */
public record HealthConfig(
        List<String> test,
        Long interval,
        Long timeout,
        Long startPeriod,
        Long startInterval,
        Integer retries) {
}
