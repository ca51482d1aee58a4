package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.state.ClusterState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places pending tasks on nodes, as swarmkit's scheduler does: a node must be ready, active and
 * satisfy the task's constraints; among those the one with the fewest live tasks of the same
 * service wins, then the one with the fewest live tasks overall, then the lowest node ID. A task
 * no node fits stays pending with Docker's explanation in {@code Status.Err}, written only when
 * the explanation changes. Pure; runs inside one pass.
 */
final class Scheduler {
    static final String ASSIGNED = "scheduler assigned task to node";
    static final String PENDING = "pending task scheduling";

    private static final Comparator<Task> ORDER = Comparator.comparing(Task::serviceId)
            .thenComparingInt(Task::slot).thenComparing(TaskFacts.BY_CREATION);

    private Scheduler() {
    }

    static void schedule(Plan plan) {
        ClusterState state = plan.state();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> perService = new HashMap<>();
        List<Task> pending = new ArrayList<>();
        for (Task task : plan.allTasks()) {
            if (TaskFacts.live(task) && !task.nodeId().isEmpty()) {
                total.merge(task.nodeId(), 1, Integer::sum);
                perService.merge(task.serviceId() + "/" + task.nodeId(), 1, Integer::sum);
            } else if (!plan.createdNow(task) && TaskFacts.live(task) && task.nodeId().isEmpty()
                    && task.status().state().compareTo(TaskState.PENDING) <= 0) {
                pending.add(task);
            }
        }
        pending.sort(ORDER);
        for (Task task : pending) {
            List<Constraint> constraints;
            try {
                constraints = Constraint.parseAll(task.spec().constraints());
            } catch (IllegalArgumentException malformed) {
                explain(plan, task, "no suitable node (" + malformed.getMessage() + ")");
                continue;
            }
            Node best = null;
            int unavailable = 0;
            int unsatisfied = 0;
            for (Node node : state.nodes().values()) {
                if (!TaskFacts.nodeTakesNewTasks(node)) {
                    unavailable++;
                } else if (!Constraint.allMatch(constraints, node)) {
                    unsatisfied++;
                } else if (best == null || load(perService, total, task, node) < load(perService, total, task, best)) {
                    best = node;
                }
            }
            if (best == null) {
                explain(plan, task, noSuitableNode(unavailable, unsatisfied));
                continue;
            }
            plan.assign(task, best.id(), TaskStatus.of(plan.now(), TaskState.ASSIGNED, ASSIGNED));
            total.merge(best.id(), 1, Integer::sum);
            perService.merge(task.serviceId() + "/" + best.id(), 1, Integer::sum);
        }
    }

    /** Same-service tasks first, all tasks second: a node with fewer of either is better. */
    private static long load(Map<String, Integer> perService, Map<String, Integer> total, Task task, Node node) {
        long same = perService.getOrDefault(task.serviceId() + "/" + node.id(), 0);
        long all = total.getOrDefault(node.id(), 0);
        return (same << 32) + all;
    }

    /** Docker's explanation, e.g. {@code no suitable node (scheduling constraints not satisfied on 3 nodes)}. */
    static String noSuitableNode(int unavailable, int unsatisfied) {
        List<String> reasons = new ArrayList<>();
        if (unavailable > 0) {
            reasons.add(unavailable + (unavailable == 1 ? " node" : " nodes") + " not available for new tasks");
        }
        if (unsatisfied > 0) {
            reasons.add("scheduling constraints not satisfied on " + unsatisfied + (unsatisfied == 1 ? " node" : " nodes"));
        }
        return reasons.isEmpty() ? "no suitable node" : "no suitable node (" + String.join("; ", reasons) + ")";
    }

    private static void explain(Plan plan, Task task, String reason) {
        if (!reason.equals(task.status().err())) {
            plan.status(task, new TaskStatus(plan.now(), TaskState.PENDING, PENDING, reason, 0, 0));
        }
    }
}
