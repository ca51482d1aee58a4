package dev.swarmnet.controlplane.model;

/**
 * When a task that ended is replaced (Docker's {@code RestartPolicy}).
 *
 * @param condition   {@code none}, {@code on-failure} or {@code any} (the default)
 * @param delayNanos  wait between a task's end and its replacement's start (Docker: 5 s)
 * @param maxAttempts replacements per slot before giving up; 0 means unlimited
 * @param windowNanos the window {@code maxAttempts} counts in; 0 means forever
 */
public record RestartPolicy(String condition, long delayNanos, long maxAttempts, long windowNanos) {
    public static final String NONE = "none";
    public static final String ON_FAILURE = "on-failure";
    public static final String ANY = "any";
    public static final long DEFAULT_DELAY_NANOS = 5_000_000_000L;

    public RestartPolicy {
        condition = condition == null || condition.isEmpty() ? ANY : condition;
    }

    public static RestartPolicy defaults() {
        return new RestartPolicy(ANY, DEFAULT_DELAY_NANOS, 0, 0);
    }
}
