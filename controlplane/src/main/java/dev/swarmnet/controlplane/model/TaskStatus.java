package dev.swarmnet.controlplane.model;

import java.util.Objects;

/**
 * What a task's node last reported about it (Docker's {@code TaskStatus}).
 *
 * @param timestampMillis when the state was entered
 * @param state           the observed state
 * @param message         Docker's short word for the step, e.g. {@code started}
 * @param err             why it failed or was rejected, empty otherwise
 * @param pid             the task's process ID on its node, 0 when none
 * @param exitCode        the process's exit code once it ended, otherwise 0
 */
public record TaskStatus(long timestampMillis, TaskState state, String message, String err, int pid, int exitCode) {
    public TaskStatus {
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
        err = err == null ? "" : err;
    }

    public static TaskStatus of(long timestampMillis, TaskState state, String message) {
        return new TaskStatus(timestampMillis, state, message, "", 0, 0);
    }
}
