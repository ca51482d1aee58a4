/**
 * Orchestrator, scheduler, rolling updater and task reaper: the leader's reconcilers, in the
 * spirit of swarmkit's {@code manager/orchestrator} and {@code manager/scheduler}.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li><b>Pure core.</b> {@link dev.swarmnet.controlplane.orchestrator.Orchestrator#reconcile}
 *       maps (cluster state, now, an {@link dev.swarmnet.controlplane.orchestrator.IdSource}) to
 *       the commands to propose. Nothing is remembered between passes: every timer (restart
 *       delay, update delay and monitor, restart window) is recovered from timestamps in the
 *       state, so a new leader picks up where the old one stopped. Only
 *       {@link dev.swarmnet.controlplane.orchestrator.Reconciler} has a thread, a clock and the
 *       proposer.</li>
 *   <li><b>One pass, one write.</b> A pass's task creations, changes and deletions travel in one
 *       {@code WriteTasks}; update progress and automatic rollback follow as
 *       {@code SetUpdateStatus} / {@code UpdateService}. Steps within a pass see each other's
 *       writes through a {@code Plan} (the state with the pass folded in), in this order: tasks
 *       on down, draining or vanished nodes are shut down; the rolling update takes its batch;
 *       each slot is brought to one live task (restart policy, scale, global placement); the
 *       scheduler places pending tasks created by earlier passes; the reaper deletes what is
 *       no longer needed.</li>
 *   <li><b>Slots.</b> A replicated service owns slots {@code 1..replicas}; a global one owns one
 *       slot per eligible node. A task is <i>live</i> while its desired state is at most
 *       {@code running} and its status is not terminal. A slot without a live task is refilled
 *       once its last task has stopped (or its node can no longer report), at once when the
 *       orchestrator stopped it, and per restart policy when it ended by itself: the ended task
 *       is shut down and a replacement created with desired state {@code ready}, promoted to
 *       {@code running} when the restart delay after the ended task's status time is over (a
 *       replacement that ends before it is promoted, e.g. rejected at creation for want of an
 *       address, is followed by the next try only once its own delay is over). A
 *       task that ended and is not restarted keeps desired state {@code running}: it marks its
 *       slot as settled. Restart attempts are the slot's retained tasks after its first, created
 *       inside the window, so a retention limit below {@code maxAttempts} caps the count.</li>
 *   <li><b>Rolling updates</b> replace slots whose live task is out of date: its spec differs
 *       from the service's template, or it is not attached to the networks the service's tasks
 *       get now (publishing a first mesh port adds ingress), a batch of {@code parallelism} at a time once no slot is in flight and
 *       {@code delay} has passed since the last batch's newest task entered {@code running}.
 *       Stop-first shuts the old task and refills the slot once it stopped; start-first creates
 *       the new task beside the old one, which is shut when the new one runs. Every new-spec
 *       task that fails, is rejected or exits during the update counts as a failure (the monitor
 *       period is not tracked per task); past {@code maxFailureRatio} of the slots the failure
 *       action applies. The update completes {@code monitor} after the last batch came up.</li>
 *   <li><b>Scheduling</b> spreads by same-service count, then total count, then node ID, and
 *       explains a task that fits nowhere in Docker's words, writing only when the words change
 *       so an unschedulable task costs no Raft entry per pass.</li>
 * </ul>
 *
 * <h2>What this package relies on in {@code ClusterState.apply}</h2>
 * (Proved by the tests, which drive the real {@code apply} for every command, the agents'
 * reports included.) A created task with an empty node ID becomes {@code pending} ("pending
 * task scheduling"), one with a node ID {@code assigned}; a change's desired state only moves
 * forward (so a restart replacement goes {@code ready} then {@code running}) and its status
 * replaces the old one when it moves forward or, in the same state, says something new (the
 * scheduler's {@code pending} with a new reason); deletes remove; unknown task IDs are skipped.
 * Every {@code service update} and {@code scale} clears the service's update status, as
 * swarmkit's controlapi does: the rolling updater writes {@code updating} (with its start time)
 * in the first pass that finds an out-of-date slot, so a pure scale never looks like an update
 * and a stale {@code completed} never ends the CLI's wait early. A rollback, manual or the
 * updater's own, comes back as {@code rollback_started}, which the updater drives with the
 * rollback config. {@code SetUpdateStatus} carries no version: if a user's update lands between
 * a pass's read and its write, the written status may describe the older spec for one pass,
 * until the next pass starts the new update.
 */
package dev.swarmnet.controlplane.orchestrator;
