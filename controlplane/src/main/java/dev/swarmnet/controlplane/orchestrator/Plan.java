package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.model.Version;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The writes one reconciliation pass wants, and the tasks as they will look once they are applied.
 *
 * <p>Each step of a pass reads {@link #tasksOf} (the state's tasks with this pass's changes and
 * creations already folded in), so later steps build on earlier ones instead of undoing them.
 * Confined to the pass that made it.
 */
final class Plan {
    private final ClusterState state;
    private final long now;
    private final IdSource ids;
    private final TreeMap<String, Task> view;
    private final Map<String, Command.TaskChange> changes = new LinkedHashMap<>();
    private final List<Command.NewTask> creates = new ArrayList<>();
    private final Set<String> deletes = new LinkedHashSet<>();
    private final List<Command> serviceCommands = new ArrayList<>();

    Plan(ClusterState state, long nowMillis, IdSource ids) {
        this.state = state;
        this.now = nowMillis;
        this.ids = ids;
        this.view = new TreeMap<>(state.tasks());
    }

    ClusterState state() {
        return state;
    }

    long now() {
        return now;
    }

    /** The tasks of a service as they will be after this pass, oldest first. */
    List<Task> tasksOf(String serviceId) {
        List<Task> tasks = new ArrayList<>();
        for (Task task : view.values()) {
            if (task.serviceId().equals(serviceId)) {
                tasks.add(task);
            }
        }
        tasks.sort(TaskFacts.BY_CREATION);
        return tasks;
    }

    /** Every task as it will be after this pass (deleted ones included until applied). */
    Iterable<Task> allTasks() {
        return view.values();
    }

    /** Whether this pass created the task (the scheduler leaves those to the next pass). */
    boolean createdNow(Task task) {
        return !state.tasks().containsKey(task.id());
    }

    /** Moves the task's desired state forward to {@code desired}; never backwards. */
    void desire(Task task, TaskState desired) {
        Task current = view.get(task.id());
        if (current == null || current.desiredState().compareTo(desired) >= 0) {
            return;
        }
        view.put(current.id(), copy(current, current.nodeId(), desired, current.status()));
        if (createdNow(current)) {
            creates.replaceAll(c -> c.taskId().equals(current.id())
                    ? new Command.NewTask(c.taskId(), c.serviceId(), c.slot(), c.nodeId(), desired) : c);
        } else {
            change(new Command.TaskChange(current.id(), null, desired, null));
        }
    }

    /** Places the task on a node with status {@code assigned}. */
    void assign(Task task, String nodeId, TaskStatus status) {
        view.put(task.id(), copy(task, nodeId, task.desiredState(), status));
        change(new Command.TaskChange(task.id(), nodeId, null, status));
    }

    /** Records why a task stays pending. */
    void status(Task task, TaskStatus status) {
        view.put(task.id(), copy(task, task.nodeId(), task.desiredState(), status));
        change(new Command.TaskChange(task.id(), null, null, status));
    }

    /** Creates a task of {@code service} in {@code slot} (or on {@code nodeId} for a global service). */
    Task create(Service service, int slot, String nodeId, TaskState desired) {
        String id = ids.newId();
        TaskStatus status = nodeId.isEmpty()
                ? TaskStatus.of(now, TaskState.PENDING, "pending task scheduling")
                : TaskStatus.of(now, TaskState.ASSIGNED, "scheduler assigned task to node");
        Task task = new Task(id, new Version(0), now, now, service.id(), service.name(), slot, nodeId,
                service.spec().taskTemplate(), desired, status, List.of());
        view.put(id, task);
        creates.add(new Command.NewTask(id, service.id(), slot, nodeId, desired));
        return task;
    }

    /** Deletes a task of the state; any change planned for it is dropped. */
    void delete(Task task) {
        deletes.add(task.id());
        changes.remove(task.id());
    }

    /** Adds a service-level command, proposed after the task writes in the order given. */
    void propose(Command command) {
        serviceCommands.add(command);
    }

    /** The commands this pass wants proposed, in order; empty when the state is converged. */
    List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        if (!creates.isEmpty() || !changes.isEmpty() || !deletes.isEmpty()) {
            commands.add(new Command.WriteTasks(creates, List.copyOf(changes.values()), List.copyOf(deletes)));
        }
        commands.addAll(serviceCommands);
        return List.copyOf(commands);
    }

    private void change(Command.TaskChange change) {
        if (deletes.contains(change.taskId())) {
            return;
        }
        Command.TaskChange before = changes.get(change.taskId());
        if (before != null) {
            change = new Command.TaskChange(change.taskId(),
                    change.nodeId() != null ? change.nodeId() : before.nodeId(),
                    change.desiredState() != null ? change.desiredState() : before.desiredState(),
                    change.status() != null ? change.status() : before.status());
        }
        changes.put(change.taskId(), change);
    }

    private static Task copy(Task task, String nodeId, TaskState desired, TaskStatus status) {
        return new Task(task.id(), task.version(), task.createdAtMillis(), task.updatedAtMillis(), task.serviceId(),
                task.serviceName(), task.slot(), nodeId, task.spec(), desired, status, task.networks());
    }
}
