package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.RestartPolicy;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.state.ClusterState;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps one service at one live task per wanted slot: replicas {@code 1..N}, or one task per
 * eligible node for a global service. Replaces tasks whose node is down, draining or gone,
 * applies the restart policy to tasks that ended, retires tasks of slots no longer wanted, and
 * lets {@link RollingUpdate} replace out-of-date slots. Pure; runs inside one pass.
 */
final class ServiceReconciler {
    private ServiceReconciler() {
    }

    static void reconcile(Plan plan, Service service) {
        ClusterState state = plan.state();
        for (Task task : plan.tasksOf(service.id())) {
            if (task.desiredState().compareTo(TaskState.RUNNING) <= 0 && !task.nodeId().isEmpty()
                    && !TaskFacts.nodeKeepsTasks(state, task.nodeId())) {
                plan.desire(task, TaskState.SHUTDOWN);
            }
        }
        SortedSet<SlotKey> wanted = wantedSlots(plan, service);
        RollingUpdate.step(plan, service, wanted);
        SortedMap<SlotKey, List<Task>> slots = slotsOf(plan, service);
        for (SlotKey key : wanted) {
            slots.putIfAbsent(key, List.of());
        }
        slots.forEach((key, tasks) -> {
            if (wanted.contains(key)) {
                keepOne(plan, service, key, tasks);
            } else {
                retire(plan, tasks);
            }
        });
    }

    /** The service's tasks (as planned) by slot, oldest first within a slot. */
    static SortedMap<SlotKey, List<Task>> slotsOf(Plan plan, Service service) {
        SortedMap<SlotKey, List<Task>> slots = new TreeMap<>();
        for (Task task : plan.tasksOf(service.id())) {
            slots.computeIfAbsent(SlotKey.of(service, task), key -> new ArrayList<>()).add(task);
        }
        return slots;
    }

    /** Replicated: slots 1..replicas. Global: nodes that take new tasks or keep a live one, where constraints hold. */
    static SortedSet<SlotKey> wantedSlots(Plan plan, Service service) {
        SortedSet<SlotKey> wanted = new TreeSet<>();
        if (!service.spec().mode().global()) {
            for (long slot = 1; slot <= service.spec().mode().replicas(); slot++) {
                wanted.add(new SlotKey((int) slot, ""));
            }
            return wanted;
        }
        List<Constraint> constraints;
        try {
            constraints = Constraint.parseAll(service.spec().taskTemplate().constraints());
        } catch (IllegalArgumentException malformed) {
            return wanted;
        }
        List<String> hasLive = new ArrayList<>();
        for (Task task : plan.tasksOf(service.id())) {
            if (TaskFacts.live(task) && task.slot() == 0) {
                hasLive.add(task.nodeId());
            }
        }
        ClusterState state = plan.state();
        for (Node node : state.nodes().values()) {
            if (!Constraint.allMatch(constraints, node)) {
                continue;
            }
            if (TaskFacts.nodeTakesNewTasks(node)
                    || hasLive.contains(node.id()) && TaskFacts.nodeKeepsTasks(state, node.id())) {
                wanted.add(new SlotKey(0, node.id()));
            }
        }
        return wanted;
    }

    private static void keepOne(Plan plan, Service service, SlotKey key, List<Task> tasks) {
        List<Task> live = tasks.stream().filter(TaskFacts::live).toList();
        if (!live.isEmpty()) {
            removeDuplicates(plan, service, live);
            startWhenDelayIsOver(plan, tasks);
            return;
        }
        Task latest = tasks.isEmpty() ? null : tasks.get(tasks.size() - 1);
        if (latest == null) {
            plan.create(service, key.slot(), key.nodeId(), TaskState.RUNNING);
        } else if (latest.desiredState().compareTo(TaskState.RUNNING) > 0) {
            if (TaskFacts.stopped(plan.state(), latest)) {
                plan.create(service, key.slot(), key.nodeId(), TaskState.RUNNING);
            }
        } else if (latest.desiredState().compareTo(TaskState.RUNNING) < 0) {
            // A replacement that ended before it was started (rejected at creation for want of an
            // address): the next try waits out the restart delay, so a slot that cannot be
            // addressed costs one attempt per delay, not one per pass.
            if (plan.now() >= delayEnd(latest) && restarts(plan.now(), latest, tasks)) {
                plan.desire(latest, TaskState.SHUTDOWN);
                plan.create(service, key.slot(), key.nodeId(), TaskState.RUNNING);
            }
        } else if (restarts(plan.now(), latest, tasks)) {
            plan.desire(latest, TaskState.SHUTDOWN);
            boolean delayOver = plan.now() >= delayEnd(latest);
            plan.create(service, key.slot(), key.nodeId(), delayOver ? TaskState.RUNNING : TaskState.READY);
        }
    }

    /**
     * Several live tasks in one slot (a start-first update, a race): an up-to-date running task
     * wins and the rest stop; otherwise the newest up-to-date and the newest out-of-date task stay.
     */
    private static void removeDuplicates(Plan plan, Service service, List<Task> live) {
        if (live.size() < 2) {
            return;
        }
        Task keepFresh = null;
        Task keepStale = null;
        Task keepRunning = null;
        for (Task task : live) {
            boolean fresh = TaskFacts.upToDate(plan.state(), service, task);
            if (fresh && task.status().state() == TaskState.RUNNING) {
                keepRunning = task;
            }
            if (fresh) {
                keepFresh = task;
            } else {
                keepStale = task;
            }
        }
        for (Task task : live) {
            boolean keep = keepRunning != null ? task == keepRunning : task == keepFresh || task == keepStale;
            if (!keep) {
                plan.desire(task, TaskState.SHUTDOWN);
            }
        }
    }

    /** A replacement created with desired state {@code ready} starts once its predecessor's restart delay is over. */
    private static void startWhenDelayIsOver(Plan plan, List<Task> tasks) {
        Task predecessor = null;
        for (Task task : tasks) {
            if (TaskFacts.live(task) && task.desiredState().compareTo(TaskState.RUNNING) < 0
                    && (predecessor == null || plan.now() >= delayEnd(predecessor))) {
                plan.desire(task, TaskState.RUNNING);
            }
            predecessor = task;
        }
    }

    private static long delayEnd(Task ended) {
        return ended.status().timestampMillis() + ended.spec().restartPolicy().delayNanos() / 1_000_000L;
    }

    /** The restart policy's verdict on a slot whose latest task ended while still wanted. */
    static boolean restarts(long now, Task ended, List<Task> slotTasks) {
        RestartPolicy policy = ended.spec().restartPolicy();
        if (RestartPolicy.NONE.equals(policy.condition())) {
            return false;
        }
        if (RestartPolicy.ON_FAILURE.equals(policy.condition()) && ended.status().state() == TaskState.COMPLETE) {
            return false;
        }
        if (policy.maxAttempts() > 0) {
            long windowStart = policy.windowNanos() == 0 ? Long.MIN_VALUE : now - policy.windowNanos() / 1_000_000L;
            long attempts = 0;
            for (int i = 1; i < slotTasks.size(); i++) {
                if (slotTasks.get(i).createdAtMillis() >= windowStart) {
                    attempts++;
                }
            }
            return attempts < policy.maxAttempts();
        }
        return true;
    }

    private static void retire(Plan plan, List<Task> tasks) {
        for (Task task : tasks) {
            plan.desire(task, TaskState.SHUTDOWN);
        }
    }
}
