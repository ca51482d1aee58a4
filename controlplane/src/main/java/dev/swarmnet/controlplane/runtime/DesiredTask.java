package dev.swarmnet.controlplane.runtime;

import dev.swarmnet.controlplane.model.TaskState;

import java.util.Objects;

/**
 * A task the agent wants on this node, and what it wants of it.
 *
 * @param launch how to run it
 * @param state  {@link Desired#RUNNING}, {@link Desired#SHUTDOWN} or {@link Desired#REMOVE}
 */
public record DesiredTask(TaskLaunch launch, Desired state) {

    /** What the orchestrator wants of a task, as far as the node is concerned. */
    public enum Desired {
        /** Prepare, start and keep it running until it ends by itself. */
        RUNNING,
        /** Stop it (SIGTERM, SIGKILL after the grace period) and release its namespace; keep its log. */
        SHUTDOWN,
        /** As SHUTDOWN, then delete its log and forget it. */
        REMOVE;

        /** The cluster's desired state as one of these: up to {@code running} is RUNNING. */
        public static Desired of(TaskState desired) {
            if (desired.compareTo(TaskState.RUNNING) <= 0) {
                return RUNNING;
            }
            return desired == TaskState.REMOVE ? REMOVE : SHUTDOWN;
        }
    }

    public DesiredTask {
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(state, "state");
    }
}
