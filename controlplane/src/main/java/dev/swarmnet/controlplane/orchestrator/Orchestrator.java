package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import java.util.List;
import java.util.Objects;

/**
 * One reconciliation pass over the whole cluster: what the orchestrator, the rolling updater,
 * the scheduler and the task reaper want changed in {@code state} at {@code nowMillis}.
 *
 * <p>Pure: the answer depends only on the state, the time and the IDs drawn from the
 * {@link IdSource}; nothing is read from a clock or written anywhere. Proposing the answer and
 * calling again with the state it produced converges the cluster; calling again with the same
 * state proposes the same writes (with fresh IDs for tasks still to be created). Not
 * thread-safe: one caller at a time (the {@link Reconciler}'s thread).
 */
public final class Orchestrator {
    private final IdSource ids;

    /** An orchestrator drawing the IDs of the tasks it creates from {@code ids}. */
    public Orchestrator(IdSource ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * The commands to propose, in order: at most one {@link Command.WriteTasks} with every task
     * creation, change and deletion, then {@link Command.UpdateService} (automatic rollback) and
     * {@link Command.SetUpdateStatus} commands. Empty when the cluster is converged.
     */
    public List<Command> reconcile(ClusterState state, long nowMillis) {
        Objects.requireNonNull(state, "state");
        Plan plan = new Plan(state, nowMillis, ids);
        for (Service service : state.services().values()) {
            ServiceReconciler.reconcile(plan, service);
        }
        Scheduler.schedule(plan);
        TaskReaper.reap(plan);
        return plan.commands();
    }

    /**
     * Whether {@code task} is what {@code service} asks for now, the rule a rolling update
     * replaces tasks by (and what Docker's {@code _up-to-date} task filter should answer): the
     * service's task template, on the networks its tasks get (ingress when it publishes ports
     * through the mesh, then the template's networks).
     */
    public static boolean upToDate(ClusterState state, Service service, Task task) {
        return TaskFacts.upToDate(state, service, task);
    }
}
