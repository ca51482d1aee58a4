package dev.swarmnet.controlplane.model;

/**
 * Progress of the last update or rollback (Docker's {@code Service.UpdateStatus}).
 *
 * @param state             {@code updating}, {@code paused}, {@code completed}, {@code rollback_started},
 *                          {@code rollback_paused} or {@code rollback_completed}
 * @param startedAtMillis   when it started
 * @param completedAtMillis when it completed, 0 while running
 * @param message           Docker's text, e.g. {@code update completed}
 */
public record UpdateStatus(String state, long startedAtMillis, long completedAtMillis, String message) {
    public static final String UPDATING = "updating";
    public static final String PAUSED = "paused";
    public static final String COMPLETED = "completed";
    public static final String ROLLBACK_STARTED = "rollback_started";
    public static final String ROLLBACK_PAUSED = "rollback_paused";
    public static final String ROLLBACK_COMPLETED = "rollback_completed";

    public UpdateStatus {
        state = state == null ? "" : state;
        message = message == null ? "" : message;
    }
}
