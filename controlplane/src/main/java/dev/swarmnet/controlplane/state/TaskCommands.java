package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.model.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Transitions of task commands: the reconcilers' batched writes (create with addresses, change,
 * delete) and the agents' status reports. A task's desired state and observed state only move
 * forward ({@link TaskState} order); a write or report that would move one back leaves it.
 * Same shape as {@link NodeCommands}.
 */
final class TaskCommands {
    static final String PENDING_MESSAGE = "pending task scheduling";
    static final String ASSIGNED_MESSAGE = "scheduler assigned task to node";
    static final String ALLOCATION_FAILED = "network allocation failed";

    private TaskCommands() {
    }

    /**
     * Creates, changes and deletes tasks in one step. Malformed entries (bad or duplicate IDs)
     * refuse the whole command; creates for services that are gone and changes or deletes of
     * tasks that are gone are skipped, since the reconciler's view may be one entry old.
     */
    static Applied write(ClusterState at, Command.WriteTasks c, long index, long now) {
        if (!at.initialized()) {
            return refuse(at, StateErrors.notInSwarm());
        }
        Set<String> ids = new HashSet<>();
        for (Command.NewTask create : c.create()) {
            if (create == null || !Ids.isValid(create.taskId())) {
                return refuse(at, StateErrors.invalid("invalid task ID " + (create == null ? null : create.taskId())));
            }
            if (at.tasks().containsKey(create.taskId()) || !ids.add(create.taskId())) {
                return refuse(at, StateErrors.exists("task", create.taskId()));
            }
            if (create.slot() < 0) {
                return refuse(at, StateErrors.invalid("invalid slot " + create.slot() + " of task " + create.taskId()));
            }
        }
        for (Command.TaskChange change : c.change()) {
            if (change == null || change.taskId() == null) {
                return refuse(at, StateErrors.invalid("invalid task change: no task ID"));
            }
        }
        AddressAllocator addresses = new AddressAllocator(at);
        TreeMap<String, Task> written = new TreeMap<>();
        for (Command.NewTask create : c.create()) {
            Service service = create.serviceId() == null ? null : at.services().get(create.serviceId());
            if (service != null) {
                written.put(create.taskId(), newTask(at, addresses, service, create, index, now));
            }
        }
        for (Command.TaskChange change : c.change()) {
            Task task = written.containsKey(change.taskId()) ? written.get(change.taskId()) : at.tasks().get(change.taskId());
            if (task != null) {
                Task changed = apply(task, change, index, now);
                if (changed != task) {
                    written.put(changed.id(), changed);
                }
            }
        }
        List<String> deleted = new ArrayList<>();
        for (String id : c.delete()) {
            if (id != null && (at.tasks().containsKey(id) || written.containsKey(id))) {
                deleted.add(id);
                written.remove(id);
            }
        }
        ClusterState next = addresses.commit(at.withTasks(written.values(), deleted), index);
        return new Applied(next, Result.ok(List.copyOf(written.values())));
    }

    /**
     * Applies an agent's reports about its own tasks: reports about tasks on other nodes, about
     * unknown tasks, and moves backwards are ignored; a report equal to the current status but
     * for its timestamp changes nothing.
     */
    static Applied report(ClusterState at, Command.ReportTaskStatus c, long index, long now) {
        if (!at.initialized()) {
            return refuse(at, StateErrors.notInSwarm());
        }
        TreeMap<String, Task> changed = new TreeMap<>();
        for (Command.TaskReport report : c.reports()) {
            if (report == null || report.status() == null || report.taskId() == null) {
                continue;
            }
            Task task = changed.containsKey(report.taskId()) ? changed.get(report.taskId()) : at.tasks().get(report.taskId());
            if (task == null || task.nodeId().isEmpty() || !task.nodeId().equals(c.nodeId())) {
                continue;
            }
            TaskStatus status = forward(task.status(), report.status());
            if (status != task.status()) {
                changed.put(task.id(), changed(task, task.nodeId(), task.desiredState(), status, index, now));
            }
        }
        return new Applied(at.withTasks(changed.values(), List.of()), Result.ok(List.copyOf(changed.values())));
    }

    /** {@code task} with these fields, stamped {@code index} at {@code now}. */
    static Task changed(Task task, String nodeId, TaskState desiredState, TaskStatus status, long index, long now) {
        return new Task(task.id(), new Version(index), task.createdAtMillis(), now, task.serviceId(), task.serviceName(),
                task.slot(), nodeId, task.spec(), desiredState, status, task.networks());
    }

    private static Task newTask(ClusterState at, AddressAllocator addresses, Service service, Command.NewTask create,
                                long index, long now) {
        String nodeId = create.nodeId() == null || !at.nodes().containsKey(create.nodeId()) ? "" : create.nodeId();
        TaskState desired = create.desiredState() == null ? TaskState.RUNNING : create.desiredState();
        TaskStatus status = nodeId.isEmpty() ? TaskStatus.of(now, TaskState.PENDING, PENDING_MESSAGE)
                : TaskStatus.of(now, TaskState.ASSIGNED, ASSIGNED_MESSAGE);
        List<NetworkAttachment> attachments = new ArrayList<>();
        for (Network network : ServiceCommands.attachedNetworks(at, service.spec())) {
            String address = addresses.allocate(network);
            if (address == null) {
                attachments.clear();
                status = new TaskStatus(now, TaskState.REJECTED, ALLOCATION_FAILED, "could not allocate an address on "
                        + "network " + AddressAllocator.describe(network) + ": no addresses left", 0, 0);
                break;
            }
            attachments.add(new NetworkAttachment(network.id(), address));
        }
        return new Task(create.taskId(), new Version(index), now, now, service.id(), service.name(), create.slot(),
                nodeId, service.spec().taskTemplate(), desired, status, attachments);
    }

    private static Task apply(Task task, Command.TaskChange change, long index, long now) {
        String nodeId = change.nodeId() == null ? task.nodeId() : change.nodeId();
        TaskState desired = change.desiredState() == null || change.desiredState().compareTo(task.desiredState()) < 0
                ? task.desiredState() : change.desiredState();
        TaskStatus status = change.status() == null ? task.status() : forward(task.status(), change.status());
        if (nodeId.equals(task.nodeId()) && desired == task.desiredState() && status == task.status()) {
            return task;
        }
        return changed(task, nodeId, desired, status, index, now);
    }

    /** {@code next} if it moves forward or changes something besides the time, else {@code current} itself. */
    private static TaskStatus forward(TaskStatus current, TaskStatus next) {
        int order = next.state().compareTo(current.state());
        if (order < 0) {
            return current;
        }
        if (order == 0 && next.message().equals(current.message()) && next.err().equals(current.err())
                && next.pid() == current.pid() && next.exitCode() == current.exitCode()) {
            return current;
        }
        return next;
    }

    private static Applied refuse(ClusterState at, Result<?> failure) {
        return new Applied(at, failure);
    }
}
