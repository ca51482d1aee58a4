package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.model.ClusterSpec;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.state.ClusterState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deletes tasks nobody needs any more: those of removed services once they stopped (or never
 * ran, or their node is gone or down), dead tasks of slots removed by scaling down (or of nodes
 * that left), and per slot all but the newest
 * {@code TaskHistoryRetentionLimit} dead tasks the orchestrator is done with. A task that ended
 * while still wanted is never pruned: its slot's restart decision rests on it. Pure.
 */
final class TaskReaper {
    /** swarmkit's default history per slot. */
    static final long DEFAULT_HISTORY = 5;

    private TaskReaper() {
    }

    static void reap(Plan plan) {
        ClusterState state = plan.state();
        long limit = historyLimit(state);
        Map<String, List<Task>> history = new TreeMap<>();
        for (Task task : state.tasks().values()) {
            Service service = state.services().get(task.serviceId());
            if (service == null) {
                if (task.status().state().terminal() || !TaskFacts.nodeStillReports(state, task.nodeId())) {
                    plan.delete(task);
                } else {
                    plan.desire(task, TaskState.REMOVE);
                }
            } else if (TaskFacts.dead(state, task) && task.desiredState().compareTo(TaskState.RUNNING) > 0
                    && slotGone(state, service, task)) {
                plan.delete(task);
            } else if (TaskFacts.dead(state, task) && task.desiredState().compareTo(TaskState.RUNNING) > 0) {
                history.computeIfAbsent(task.serviceId() + "/" + SlotKey.of(service, task), k -> new ArrayList<>())
                        .add(task);
            }
        }
        if (limit < 0) {
            return;
        }
        for (List<Task> dead : history.values()) {
            dead.sort(Collections.reverseOrder(TaskFacts.BY_CREATION));
            for (int i = (int) Math.min(limit, dead.size()); i < dead.size(); i++) {
                plan.delete(dead.get(i));
            }
        }
    }

    /** A slot the service will not fill again: above its replica count, or on a node that left the cluster. */
    private static boolean slotGone(ClusterState state, Service service, Task task) {
        if (service.spec().mode().global()) {
            return task.slot() != 0 || !state.nodes().containsKey(task.nodeId());
        }
        return task.slot() < 1 || task.slot() > service.spec().mode().replicas();
    }

    /** The cluster's retention limit; swarmkit's default when the cluster is not set up; negative keeps all. */
    static long historyLimit(ClusterState state) {
        if (state.cluster() == null) {
            return DEFAULT_HISTORY;
        }
        ClusterSpec.Orchestration orchestration = state.cluster().spec().orchestration();
        return orchestration.taskHistoryRetentionLimit() == 0 ? DEFAULT_HISTORY : orchestration.taskHistoryRetentionLimit();
    }
}
