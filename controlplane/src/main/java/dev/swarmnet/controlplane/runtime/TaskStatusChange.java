package dev.swarmnet.controlplane.runtime;

import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;

import java.util.Objects;

/**
 * A step in a task's life on this node, as {@link TaskSupervisor} reports it.
 *
 * @param taskId   the task
 * @param state    the state entered
 * @param message  Docker's short word: {@code preparing}, {@code starting}, {@code started},
 *                 {@code finished}, {@code shutdown}, {@code removed}
 * @param err      why it failed, empty otherwise ({@code task: non-zero exit (1)})
 * @param pid      the process, 0 when none
 * @param exitCode the exit status once it ended (-1 when unknowable), otherwise 0
 */
public record TaskStatusChange(String taskId, TaskState state, String message, String err, long pid, int exitCode) {
    public TaskStatusChange {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
        err = err == null ? "" : err;
    }

    /** The cluster's form, stamped {@code nowMillis}. */
    public TaskStatus toStatus(long nowMillis) {
        return new TaskStatus(nowMillis, state, message, err, (int) pid, exitCode);
    }
}
