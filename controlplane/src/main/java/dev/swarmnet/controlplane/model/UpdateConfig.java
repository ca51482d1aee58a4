package dev.swarmnet.controlplane.model;

/**
 * How a service update (or rollback) rolls through its slots (Docker's {@code UpdateConfig}).
 *
 * @param parallelism     slots updated at once; 0 means all at once (Docker's default is 1)
 * @param delayNanos      wait between batches
 * @param failureAction   {@code pause} (default), {@code continue} or {@code rollback}
 * @param monitorNanos    how long after a task starts its failure still counts against the update (Docker: 5 s)
 * @param maxFailureRatio failures tolerated, as a fraction of updated tasks
 * @param order           {@code stop-first} (default) or {@code start-first}
 */
public record UpdateConfig(long parallelism, long delayNanos, String failureAction, long monitorNanos,
                           double maxFailureRatio, String order) {
    public static final String PAUSE = "pause";
    public static final String CONTINUE = "continue";
    public static final String ROLLBACK = "rollback";
    public static final String STOP_FIRST = "stop-first";
    public static final String START_FIRST = "start-first";
    public static final long DEFAULT_MONITOR_NANOS = 5_000_000_000L;

    public UpdateConfig {
        if (parallelism < 0) {
            throw new IllegalArgumentException("update parallelism must not be negative: " + parallelism);
        }
        failureAction = failureAction == null || failureAction.isEmpty() ? PAUSE : failureAction;
        order = order == null || order.isEmpty() ? STOP_FIRST : order;
    }

    public static UpdateConfig defaults() {
        return new UpdateConfig(1, 0, PAUSE, DEFAULT_MONITOR_NANOS, 0, STOP_FIRST);
    }
}
