package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.state.ClusterState;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/** The questions every reconciler asks about a task or a node, answered from the state alone. */
final class TaskFacts {
    /**
     * Oldest first: creation time; among tasks created in the same millisecond, those the
     * orchestrator has already moved further (a replaced task is shut down in the pass that
     * creates its successor) first; then ID.
     */
    static final Comparator<Task> BY_CREATION = Comparator.comparingLong(Task::createdAtMillis)
            .thenComparing(Task::desiredState, Comparator.reverseOrder()).thenComparing(Task::id);

    private TaskFacts() {
    }

    /**
     * Whether the task is what its service asks for now (swarmkit's {@code !IsTaskDirty}): the
     * service's task template, attached to the networks the service's tasks get (ingress when
     * it publishes ports through the mesh, then the template's networks), so that publishing a
     * first mesh port, or withdrawing the last, replaces the tasks as in swarmkit, where an
     * endpoint change makes tasks dirty. A task that is not in {@code state} was created by the
     * current pass from the current service and is up to date; a rejected task (possibly
     * rejected for want of an address) is judged by its template alone.
     */
    static boolean upToDate(ClusterState state, Service service, Task task) {
        if (!task.spec().equals(service.spec().taskTemplate())) {
            return false;
        }
        if (!state.tasks().containsKey(task.id()) || task.status().state() == TaskState.REJECTED) {
            return true;
        }
        Set<String> attached = new TreeSet<>();
        for (NetworkAttachment attachment : task.networks()) {
            attached.add(attachment.networkId());
        }
        return attached.equals(networksFor(state, service));
    }

    /** The IDs of the networks the state attaches a new task of {@code service} to. */
    static Set<String> networksFor(ClusterState state, Service service) {
        Set<String> networks = new TreeSet<>();
        for (PortConfig port : service.spec().endpointSpec().ports()) {
            if (PortConfig.INGRESS.equals(port.publishMode())) {
                state.ingressNetwork().ifPresent(ingress -> networks.add(ingress.id()));
            }
        }
        for (String id : service.spec().taskTemplate().networks()) {
            if (state.networks().containsKey(id)) {
                networks.add(id);
            }
        }
        return networks;
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
