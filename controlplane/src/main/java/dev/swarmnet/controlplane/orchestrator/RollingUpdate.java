package dev.swarmnet.controlplane.orchestrator;

import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.UpdateConfig;
import dev.swarmnet.controlplane.model.UpdateStatus;
import dev.swarmnet.controlplane.state.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * One step of a service's rolling update or rollback: replaces out-of-date slots batch by
 * batch, watches the new tasks for failures and reports progress in the service's
 * {@link UpdateStatus}.
 *
 * <p>Everything it needs to remember is recovered from the state: the update began at
 * {@code updateStatus.startedAt}; a task is new when it is up to date ({@link TaskFacts#upToDate}) and
 * it was created since then; the last batch came up when its newest running task entered
 * {@code running} (that status timestamp), which is where {@code delay} and {@code monitor}
 * count from. A batch starts only when no slot is in flight. Pure; runs inside one pass.
 */
final class RollingUpdate {
    private static final String FAILURE = " due to failure or early termination of task ";

    private RollingUpdate() {
    }

    /** Where one wanted slot stands in the update. */
    private enum Progress { DONE, DIRTY, IN_FLIGHT }

    static void step(Plan plan, Service service, SortedSet<SlotKey> wanted) {
        UpdateStatus status = service.updateStatus();
        String phase = status == null ? "" : status.state();
        if (phase.equals(UpdateStatus.PAUSED) || phase.equals(UpdateStatus.ROLLBACK_PAUSED)) {
            return;
        }
        boolean rollback = phase.equals(UpdateStatus.ROLLBACK_STARTED);
        SortedMap<SlotKey, List<Task>> slots = ServiceReconciler.slotsOf(plan, service);
        List<SlotKey> dirty = new ArrayList<>();
        int inFlight = 0;
        for (SlotKey key : wanted) {
            Progress progress = progressOf(plan, service, slots.getOrDefault(key, List.of()));
            if (progress == Progress.DIRTY) {
                dirty.add(key);
            } else if (progress == Progress.IN_FLIGHT) {
                inFlight++;
            }
        }
        long startedAt;
        boolean startsNow = false;
        if (rollback || phase.equals(UpdateStatus.UPDATING)) {
            startedAt = status.startedAtMillis();
        } else if (dirty.isEmpty()) {
            return;
        } else {
            // apply clears the status on every service update (as swarmkit does); the update
            // starts, and says so, in the first pass that finds an out-of-date slot.
            startedAt = plan.now();
            startsNow = true;
            plan.propose(new Command.SetUpdateStatus(service.id(),
                    new UpdateStatus(UpdateStatus.UPDATING, startedAt, 0, "update in progress")));
        }
        UpdateConfig config = rollback ? service.spec().rollbackConfig() : service.spec().updateConfig();
        if (!startsNow && failedTooOften(plan, service, config, startedAt, wanted.size(), rollback)) {
            return;
        }
        if (inFlight > 0) {
            return;
        }
        long lastUp = lastBatchRunningAt(plan, service, startedAt);
        if (dirty.isEmpty()) {
            if (plan.now() >= lastUp + config.monitorNanos() / 1_000_000L) {
                plan.propose(new Command.SetUpdateStatus(service.id(), rollback
                        ? new UpdateStatus(UpdateStatus.ROLLBACK_COMPLETED, startedAt, plan.now(), "rollback completed")
                        : new UpdateStatus(UpdateStatus.COMPLETED, startedAt, plan.now(), "update completed")));
            }
            return;
        }
        if (plan.now() < lastUp + config.delayNanos() / 1_000_000L) {
            return;
        }
        int batch = config.parallelism() == 0 ? dirty.size() : (int) Math.min(config.parallelism(), dirty.size());
        boolean startFirst = UpdateConfig.START_FIRST.equals(config.order());
        for (SlotKey key : dirty.subList(0, batch)) {
            if (startFirst) {
                plan.create(service, key.slot(), key.nodeId(), TaskState.RUNNING);
            } else {
                for (Task task : slots.get(key)) {
                    if (TaskFacts.live(task)) {
                        plan.desire(task, TaskState.SHUTDOWN);
                    }
                }
            }
        }
    }

    private static Progress progressOf(Plan plan, Service service, List<Task> tasks) {
        boolean freshLive = false;
        boolean staleLive = false;
        for (Task task : tasks) {
            if (!TaskFacts.live(task)) {
                continue;
            }
            if (!TaskFacts.upToDate(plan.state(), service, task)) {
                staleLive = true;
            } else if (task.status().state() == TaskState.RUNNING) {
                return Progress.DONE;
            } else {
                freshLive = true;
            }
        }
        if (freshLive) {
            return Progress.IN_FLIGHT;
        }
        if (staleLive) {
            return Progress.DIRTY;
        }
        Task latest = tasks.isEmpty() ? null : tasks.get(tasks.size() - 1);
        // A slot whose task ended on its own is the restart policy's business, not the update's.
        return latest != null && TaskFacts.endedOnItsOwn(latest) ? Progress.DONE : Progress.IN_FLIGHT;
    }

    /** Applies the failure action when too many new tasks failed; true when the update must not go on. */
    private static boolean failedTooOften(Plan plan, Service service, UpdateConfig config, long startedAt,
                                          int slots, boolean rollback) {
        if (UpdateConfig.CONTINUE.equals(config.failureAction())) {
            return false;
        }
        Task lastFailed = null;
        int failures = 0;
        for (Task task : plan.tasksOf(service.id())) {
            if (isNew(plan, task, service, startedAt) && failed(task)) {
                failures++;
                if (lastFailed == null || task.status().timestampMillis() >= lastFailed.status().timestampMillis()) {
                    lastFailed = task;
                }
            }
        }
        if (failures == 0 || failures <= config.maxFailureRatio() * slots) {
            return false;
        }
        String id = lastFailed.id();
        if (!rollback && UpdateConfig.ROLLBACK.equals(config.failureAction()) && service.previousSpec() != null) {
            plan.propose(new Command.UpdateService(service.id(), service.version(), null, true));
            plan.propose(new Command.SetUpdateStatus(service.id(), new UpdateStatus(UpdateStatus.ROLLBACK_STARTED,
                    plan.now(), 0, "update rolled back" + FAILURE + id)));
        } else if (rollback) {
            plan.propose(new Command.SetUpdateStatus(service.id(), new UpdateStatus(UpdateStatus.ROLLBACK_PAUSED,
                    startedAt, 0, "rollback paused" + FAILURE + id)));
        } else {
            plan.propose(new Command.SetUpdateStatus(service.id(), new UpdateStatus(UpdateStatus.PAUSED,
                    startedAt, 0, "update paused" + FAILURE + id)));
        }
        return true;
    }

    private static boolean isNew(Plan plan, Task task, Service service, long startedAt) {
        return TaskFacts.upToDate(plan.state(), service, task) && task.createdAtMillis() >= startedAt;
    }

    /** Ended by itself: failed, rejected, or exited although it should have kept running. */
    private static boolean failed(Task task) {
        TaskState state = task.status().state();
        return state == TaskState.FAILED || state == TaskState.REJECTED || state == TaskState.COMPLETE;
    }

    /** When the newest running task of the update entered {@code running}; 0 before any did. */
    private static long lastBatchRunningAt(Plan plan, Service service, long startedAt) {
        long last = 0;
        for (Task task : plan.tasksOf(service.id())) {
            if (isNew(plan, task, service, startedAt) && TaskFacts.live(task) && task.status().state() == TaskState.RUNNING) {
                last = Math.max(last, task.status().timestampMillis());
            }
        }
        return last;
    }
}
