package dev.swarmnet.controlplane.runtime;

import dev.swarmnet.controlplane.model.HealthCheck;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.runtime.DesiredTask.Desired;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Drives every task of this node from what the agent wants ({@link #setDesired}) to what runs,
 * and reports each step: {@code preparing → starting → running → complete | failed | shutdown},
 * then {@code remove} once a removed task is gone. A task that fails to prepare or start, or
 * exits non-zero, is {@code failed} with the reason in {@code err} ({@code task: non-zero exit (2)});
 * one whose desired state becomes shutdown or remove is stopped (SIGTERM, SIGKILL after its grace
 * period) and reported {@code shutdown}. Whatever way a task ends, its TAPs are detached
 * ({@link PortAttacher}) and its namespace removed at once; its log stays until it is removed.
 * Restarting failed tasks is the orchestrator's job, not this class's.
 *
 * <p>A task with a health check ({@link TaskLaunch#health()}) stays {@code starting} after its
 * process starts, so it gets no traffic, until a probe succeeds; then it is {@code running}. A
 * probe runs every interval in the task's namespace; failures within the start period do not
 * count until the task has been healthy once, and after {@code retries} failures in a row the task
 * is stopped and {@code failed} with "task: container unhealthy", as Docker's.
 *
 * <p>Tasks left by an earlier daemon life ({@link TaskRuntime#scan()}, given to the constructor)
 * are adopted when still desired running and their process is alive (fresh TAPs in the old
 * namespace, then {@code running} again); a desired task whose process died meanwhile is
 * {@code failed} with "exit status unknown after daemon restart"; leftovers no longer desired are
 * removed quietly after the first {@link #setDesired}.
 *
 * <p>Threading: all state belongs to one thread (the loop); public methods only post to it and
 * never block. Blocking calls into the {@link TaskHost} and the {@link PortAttacher} run on a
 * small pool of edge threads, at most one at a time per task, and post their outcome back to the
 * loop. The listener is called on the loop thread, in order: keep it short and non-blocking.
 */
public final class TaskSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskSupervisor.class);
    static final String UNKNOWN_EXIT = "exit status unknown after daemon restart";
    static final String UNHEALTHY = "task: container unhealthy";

    private final TaskHost host;
    private final PortAttacher ports;
    private final Consumer<TaskStatusChange> listener;
    private final ExecutorService loop;
    private final ExecutorService edge;
    private final ScheduledExecutorService probes;

    // Owned by the loop thread.
    private final Map<String, Entry> tasks = new HashMap<>();
    private final Map<String, LeftoverTask> leftovers = new HashMap<>();
    private boolean desiredSeen;

    /** Where a task is in its life on this node. */
    private enum Phase { NEW, PREPARING, PREPARED, STARTING, RUNNING, ENDED, CLEANED }

    /** One task; touched only by the loop thread. */
    private static final class Entry {
        final String id;
        TaskLaunch launch;
        Desired desired;
        Phase phase = Phase.NEW;
        boolean busy;
        boolean stopping;
        PreparedTask prepared;
        final List<Integer> portIds = new ArrayList<>();
        long pid;
        Integer exitCode;
        /** Health: the process started at (nanoTime), a probe succeeded once, failures in a row. */
        long startedNanos;
        boolean healthy;
        int failures;

        Entry(TaskLaunch launch) {
            this.id = launch.taskId();
            this.launch = launch;
        }
    }

    /** What an edge thread hands back once a task's ports are on the data plane. */
    private record Ready(PreparedTask prepared, List<Integer> portIds, long pid) {
    }

    /** A blocking call on an edge thread. */
    @FunctionalInterface
    private interface EdgeCall<T> {
        T call() throws Exception;
    }

    /**
     * @param host      the runtime edge ({@link TaskRuntime} in production)
     * @param ports     attaches and detaches TAPs on the data plane
     * @param listener  receives every status change, on the loop thread
     * @param leftovers what {@link TaskRuntime#scan()} found at start-up (empty on a fresh host)
     */
    public TaskSupervisor(TaskHost host, PortAttacher ports, Consumer<TaskStatusChange> listener,
                          Collection<LeftoverTask> leftovers) {
        this.host = host;
        this.ports = ports;
        this.listener = listener;
        this.loop = Executors.newSingleThreadExecutor(threads("task-supervisor", false));
        this.edge = Executors.newCachedThreadPool(threads("task-edge-", true));
        this.probes = Executors.newSingleThreadScheduledExecutor(threads("task-health", false));
        for (LeftoverTask leftover : leftovers) {
            this.leftovers.put(leftover.taskId(), leftover);
        }
    }

    /**
     * Replaces the set of tasks this node should have. Tasks missing from {@code desired} are
     * treated as {@link Desired#REMOVE}. A task's launch is taken the first time it is seen.
     * Returns at once.
     */
    public void setDesired(Collection<DesiredTask> desired) {
        List<DesiredTask> copy = List.copyOf(desired);
        post(() -> apply(copy));
    }

    /**
     * Stops the loop and the edge threads; tasks keep running (a restarted daemon adopts them).
     * Waits briefly for the loop to finish what it is doing.
     */
    @Override
    public void close() {
        probes.shutdownNow();
        loop.shutdown();
        edge.shutdown();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void apply(List<DesiredTask> desired) {
        Set<String> wanted = new HashSet<>();
        for (DesiredTask task : desired) {
            wanted.add(task.launch().taskId());
            Entry entry = tasks.computeIfAbsent(task.launch().taskId(), id -> new Entry(task.launch()));
            if (entry.desired != Desired.REMOVE) {
                entry.desired = task.state();
            }
        }
        for (Entry entry : tasks.values()) {
            if (!wanted.contains(entry.id)) {
                entry.desired = Desired.REMOVE;
            }
        }
        if (!desiredSeen) {
            desiredSeen = true;
            for (LeftoverTask leftover : List.copyOf(leftovers.values())) {
                if (!wanted.contains(leftover.taskId())) {
                    leftovers.remove(leftover.taskId());
                    LOG.info("removing task {} left by an earlier daemon: it is no longer wanted on this node",
                        leftover.taskId());
                    edge.execute(() -> {
                        try {
                            host.remove(leftover.taskId());
                            host.removeLogs(leftover.taskId());
                        } catch (Exception e) {
                            LOG.warn("could not remove leftover task {}: {}", leftover.taskId(), e.toString());
                        }
                    });
                }
            }
        }
        for (Entry entry : List.copyOf(tasks.values())) {
            advance(entry);
        }
    }

    /** Takes the next step towards what is desired, unless an edge call is in flight. */
    private void advance(Entry e) {
        if (e.busy) {
            return;
        }
        switch (e.phase) {
            case NEW -> begin(e);
            case PREPARED -> {
                if (e.desired == Desired.RUNNING) {
                    e.phase = Phase.STARTING;
                    report(e, TaskState.STARTING, "starting", "", 0);
                    PreparedTask prepared = e.prepared;
                    onEdge(e, () -> start(prepared), this::started, (x, t) -> end(x, TaskState.FAILED, "starting", t, 0));
                } else {
                    end(e, TaskState.SHUTDOWN, "shutdown", "", 0);
                }
            }
            case RUNNING -> {
                if (e.desired != Desired.RUNNING && !e.stopping) {
                    e.stopping = true;
                    String taskId = e.id;
                    Duration grace = e.launch.stopGracePeriod();
                    onEdge(e, () -> host.stop(taskId, grace),
                        (x, code) -> end(x, TaskState.SHUTDOWN, "shutdown", "", code),
                        (x, t) -> end(x, TaskState.SHUTDOWN, "shutdown", message(t), -1));
                }
            }
            case ENDED -> {
                List<Integer> attached = List.copyOf(e.portIds);
                e.portIds.clear();
                String taskId = e.id;
                onEdge(e, () -> {
                    cleanUp(taskId, attached);
                    return null;
                }, (x, nothing) -> cleaned(x), (x, t) -> {
                    LOG.warn("task {}: {}", x.id, message(t));
                    cleaned(x);
                });
            }
            case CLEANED -> {
                if (e.desired == Desired.REMOVE) {
                    String taskId = e.id;
                    onEdge(e, () -> {
                        host.removeLogs(taskId);
                        return null;
                    }, (x, nothing) -> removed(x), (x, t) -> {
                        LOG.warn("task {}: could not delete its log: {}", x.id, message(t));
                        removed(x);
                    });
                }
            }
            default -> {
                // PREPARING, STARTING: the edge call in flight moves it on
            }
        }
    }

    /** A task seen for the first time: adopt it, prepare it, or report it never ran. */
    private void begin(Entry e) {
        LeftoverTask leftover = leftovers.remove(e.id);
        if (leftover != null && e.desired == Desired.RUNNING && leftover.alive() && leftover.namespaceExists()) {
            e.phase = Phase.STARTING;
            TaskLaunch launch = e.launch;
            onEdge(e, () -> {
                PreparedTask prepared = host.reattach(launch);
                Ready ready = new Ready(prepared, attachOrRemove(prepared), leftover.pid());
                host.onExit(launch.taskId(), code -> post(() -> exited(launch.taskId(), code)));
                return ready;
            }, (x, ready) -> {
                x.prepared = ready.prepared();
                x.portIds.addAll(ready.portIds());
                started(x, ready.pid());
            }, (x, t) -> end(x, TaskState.FAILED, "starting", t, 0));
        } else if (leftover != null) {
            String taskId = e.id;
            onEdge(e, () -> {
                host.remove(taskId);
                return null;
            }, (x, nothing) -> {
                if (leftover.pid() > 0 && x.desired == Desired.RUNNING) {
                    x.pid = leftover.pid();
                    end(x, TaskState.FAILED, "started", UNKNOWN_EXIT, -1);
                } else {
                    advance(x);
                }
            }, (x, t) -> end(x, TaskState.FAILED, "preparing", t, 0));
        } else if (e.desired == Desired.RUNNING) {
            e.phase = Phase.PREPARING;
            report(e, TaskState.PREPARING, "preparing", "", 0);
            TaskLaunch launch = e.launch;
            onEdge(e, () -> {
                PreparedTask prepared = host.prepare(launch);
                return new Ready(prepared, attachOrRemove(prepared), 0);
            }, (x, ready) -> {
                x.prepared = ready.prepared();
                x.portIds.addAll(ready.portIds());
                x.phase = Phase.PREPARED;
                advance(x);
            }, (x, t) -> end(x, TaskState.FAILED, "preparing", t, 0));
        } else {
            end(e, TaskState.SHUTDOWN, "shutdown", "", 0);
        }
    }

    /** Edge: every TAP of a prepared task on the data plane; if one fails, the task is removed. */
    private List<Integer> attachOrRemove(PreparedTask prepared) throws Exception {
        try {
            return attachAll(prepared);
        } catch (Exception failure) {
            try {
                host.remove(prepared.launch().taskId());
            } catch (Exception removing) {
                failure.addSuppressed(removing);
            }
            throw failure;
        }
    }

    /** Edge: attaches every port; on failure detaches those attached and rethrows. */
    private List<Integer> attachAll(PreparedTask prepared) throws Exception {
        List<Integer> attached = new ArrayList<>();
        try {
            for (TapPort port : prepared.ports()) {
                attached.add(ports.attach(prepared.launch().taskId(), port));
            }
            return attached;
        } catch (Exception failure) {
            for (int portId : attached) {
                try {
                    ports.detach(portId);
                } catch (Exception detaching) {
                    failure.addSuppressed(detaching);
                }
            }
            throw failure;
        }
    }

    /** Edge: starts the process and watches for its end. */
    private long start(PreparedTask prepared) throws Exception {
        String taskId = prepared.launch().taskId();
        long pid = host.start(prepared);
        host.onExit(taskId, code -> post(() -> exited(taskId, code)));
        return pid;
    }

    /** Edge: ports off the data plane, then the namespace and everything in it. */
    private void cleanUp(String taskId, List<Integer> attached) throws Exception {
        Exception failure = null;
        for (int portId : attached) {
            try {
                ports.detach(portId);
            } catch (Exception e) {
                failure = failure == null ? e : addSuppressed(failure, e);
            }
        }
        try {
            host.remove(taskId);
        } catch (Exception e) {
            failure = failure == null ? e : addSuppressed(failure, e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void started(Entry e, long pid) {
        e.pid = pid;
        e.phase = Phase.RUNNING;
        e.startedNanos = System.nanoTime();
        if (e.launch.health() == null) {
            report(e, TaskState.RUNNING, "started", "", 0);
        } else {
            scheduleProbe(e);
        }
        if (e.exitCode != null) {
            exited(e.id, e.exitCode);
        } else {
            advance(e);
        }
    }

    /** Runs the task's next health probe one interval from now. */
    private void scheduleProbe(Entry e) {
        HealthCheck check = e.launch.health();
        try {
            probes.schedule(() -> post(() -> probe(e)), check.intervalOrDefault(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    /** Loop: starts a probe on an edge thread, unless the task is no longer running. */
    private void probe(Entry e) {
        if (e.phase != Phase.RUNNING || e.stopping || tasks.get(e.id) != e) {
            return;
        }
        HealthCheck check = e.launch.health();
        String taskId = e.id;
        try {
            edge.execute(() -> {
                int code = host.probe(taskId, check.argv(), Duration.ofNanos(check.timeoutOrDefault()));
                post(() -> probed(e, code));
            });
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    /** Loop: a probe's outcome; healthy once → running, {@code retries} failures in a row → failed. */
    private void probed(Entry e, int exitCode) {
        if (e.phase != Phase.RUNNING || e.stopping) {
            return;
        }
        HealthCheck check = e.launch.health();
        if (exitCode == 0) {
            e.failures = 0;
            if (!e.healthy) {
                e.healthy = true;
                report(e, TaskState.RUNNING, "started", "", 0);
            }
        } else if (e.healthy || System.nanoTime() - e.startedNanos >= check.startPeriodNanos()) {
            e.failures++;
            if (e.failures >= check.retriesOrDefault()) {
                LOG.info("task {}: {} failed health probes in a row ({}); stopping it", e.id, e.failures,
                    String.join(" ", check.argv()));
                e.stopping = true;
                String taskId = e.id;
                Duration grace = e.launch.stopGracePeriod();
                onEdge(e, () -> host.stop(taskId, grace),
                    (x, code) -> end(x, TaskState.FAILED, "unhealthy", UNHEALTHY, code),
                    (x, t) -> end(x, TaskState.FAILED, "unhealthy", UNHEALTHY, -1));
                return;
            }
        }
        scheduleProbe(e);
    }

    /** The process ended (on its own, or because {@link TaskHost#stop} ended it). */
    private void exited(String taskId, int code) {
        Entry e = tasks.get(taskId);
        if (e == null || e.phase.compareTo(Phase.RUNNING) > 0) {
            return;
        }
        e.exitCode = code;
        if (e.phase != Phase.RUNNING || e.stopping || e.busy) {
            return; // started() or the stop in flight will conclude
        }
        if (code == 0) {
            end(e, TaskState.COMPLETE, "finished", "", 0);
        } else if (code < 0) {
            end(e, TaskState.FAILED, "started", UNKNOWN_EXIT, code);
        } else {
            end(e, TaskState.FAILED, "started", "task: non-zero exit (" + code + ")", code);
        }
    }

    private void end(Entry e, TaskState state, String message, Throwable failure, int exitCode) {
        end(e, state, message, message(failure), exitCode);
    }

    private void end(Entry e, TaskState state, String message, String err, int exitCode) {
        e.phase = Phase.ENDED;
        report(e, state, message, err, exitCode);
        advance(e);
    }

    private void cleaned(Entry e) {
        e.phase = Phase.CLEANED;
        advance(e);
    }

    private void removed(Entry e) {
        tasks.remove(e.id);
        report(e, TaskState.REMOVE, "removed", "", e.exitCode == null ? 0 : e.exitCode);
    }

    private void report(Entry e, TaskState state, String message, String err, int exitCode) {
        try {
            listener.accept(new TaskStatusChange(e.id, state, message, err, e.pid, exitCode));
        } catch (RuntimeException failure) {
            LOG.warn("task status listener failed on {} {}: {}", e.id, state, failure.toString());
        }
    }

    /** Runs {@code call} on an edge thread and hands its outcome to the loop. */
    private <T> void onEdge(Entry e, EdgeCall<T> call, BiConsumer<Entry, T> done,
                            BiConsumer<Entry, Throwable> failed) {
        e.busy = true;
        try {
            edge.execute(() -> {
                T result;
                try {
                    result = call.call();
                } catch (Throwable t) {
                    post(() -> {
                        e.busy = false;
                        failed.accept(e, t);
                    });
                    return;
                }
                post(() -> {
                    e.busy = false;
                    done.accept(e, result);
                });
            });
        } catch (RejectedExecutionException closed) {
            e.busy = false; // shutting down
        }
    }

    private void post(Runnable action) {
        try {
            loop.execute(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("task supervisor step failed", e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // closed: the daemon is stopping and will adopt the tasks when it comes back
        }
    }

    /** The failure's message, followed by each suppressed failure's, so that a log line says what went wrong. */
    private static String message(Throwable t) {
        StringBuilder text = new StringBuilder(
                t.getMessage() == null || t.getMessage().isBlank() ? t.toString() : t.getMessage());
        for (Throwable suppressed : t.getSuppressed()) {
            text.append("; ").append(message(suppressed));
        }
        return text.toString();
    }

    private static Exception addSuppressed(Exception first, Exception next) {
        first.addSuppressed(next);
        return first;
    }

    private static ThreadFactory threads(String name, boolean numbered) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? name + count.incrementAndGet() : name);
            t.setDaemon(true);
            return t;
        };
    }
}
