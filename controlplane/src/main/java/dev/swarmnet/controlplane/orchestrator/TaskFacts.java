package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.state.ClusterState;
import java.util.Comparator;

/** The questions every reconciler asks about a task or a node, answered from the state alone. */
final class TaskFacts {
    /** Oldest first: creation time, then ID. */
    static final Comparator<Task> BY_CREATION = Comparator.comparingLong(Task::createdAtMillis).thenComparing(Task::id);

    private TaskFacts() {
    }

    /** Wanted and not ended: desired state at most {@code running} and status not terminal. */
    static boolean live(Task task) {
        return task.desiredState().compareTo(TaskState.RUNNING) <= 0 && !task.status().state().terminal();
    }

    /** Ended while still wanted: the restart policy decides what happens to its slot. */
    static boolean endedOnItsOwn(Task task) {
        return task.desiredState().compareTo(TaskState.RUNNING) <= 0 && task.status().state().terminal();
    }

    /** Whether {@code nodeId} names a node that can keep running tasks: present, not down, not draining. */
    static boolean nodeKeepsTasks(ClusterState state, String nodeId) {
        Node node = state.nodes().get(nodeId);
        return node != null && node.status().state() != NodeState.DOWN
                && node.spec().availability() != NodeAvailability.DRAIN;
    }

    /** Whether a node accepts new tasks: ready and active. */
    static boolean nodeTakesNewTasks(Node node) {
        return node.status().state() == NodeState.READY && node.spec().availability() == NodeAvailability.ACTIVE;
    }

    /** Whether nothing runs the task any more, or nothing will report that it stopped. */
    static boolean stopped(ClusterState state, Task task) {
        return task.status().state().terminal() || task.nodeId().isEmpty() || !nodeKeepsTasks(state, task.nodeId());
    }

    /** Whether the task may be forgotten: it ended, or it was never placed, or its node is gone or down. */
    static boolean dead(ClusterState state, Task task) {
        if (task.status().state().terminal()) {
            return true;
        }
        if (task.desiredState().compareTo(TaskState.RUNNING) <= 0) {
            return false;
        }
        return !nodeStillReports(state, task.nodeId());
    }

    /** Whether {@code nodeId} names a node that may still report on its tasks: assigned, present, not down. */
    static boolean nodeStillReports(ClusterState state, String nodeId) {
        Node node = state.nodes().get(nodeId);
        return !nodeId.isEmpty() && node != null && node.status().state() != NodeState.DOWN;
    }
}
