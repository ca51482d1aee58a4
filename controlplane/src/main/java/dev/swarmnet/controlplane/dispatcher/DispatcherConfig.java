package dev.swarmnet.controlplane.dispatcher;

import java.time.Duration;
import java.util.Objects;

/**
 * Heartbeat timing (Docker's {@code --dispatcher-heartbeat}, swarmkit's grace multiplier).
 * Immutable.
 *
 * @param period          how often agents heartbeat
 * @param graceMultiplier how many periods of silence make a node {@code down}
 */
public record DispatcherConfig(Duration period, int graceMultiplier) {
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);
    public static final int DEFAULT_GRACE_MULTIPLIER = 3;
    public static final DispatcherConfig DEFAULT = new DispatcherConfig(DEFAULT_PERIOD, DEFAULT_GRACE_MULTIPLIER);

    public DispatcherConfig {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("heartbeat period must be positive: " + period);
        }
        if (graceMultiplier < 1) {
            throw new IllegalArgumentException("grace multiplier must be at least 1: " + graceMultiplier);
        }
    }

    /** Silence longer than this marks a node down. */
    public Duration grace() {
        return period.multipliedBy(graceMultiplier);
    }
}
