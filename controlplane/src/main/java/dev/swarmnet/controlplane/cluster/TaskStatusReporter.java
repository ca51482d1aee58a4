package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.state.Command;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's task-status reports to the leader: {@link #report} never blocks; reports wait in a
 * map by task (the latest status of a task replaces an unsent older one) and go in one
 * {@code report-task-status} request (at most {@link #MAX_BATCH}) {@link #BATCH_DELAY} after the
 * first, with at most one request in flight. A redirect is followed to the leader; a failed batch is kept (unless a newer
 * status for the same task came meanwhile), the next manager in the list is tried, and the retry
 * waits a backoff that doubles from {@link #MIN_BACKOFF} to {@link #MAX_BACKOFF}. A batch the
 * manager calls bad input (400) is dropped and logged, not retried. Owns one daemon thread
 * ({@code task-status}); thread-safe.
 */
public final class TaskStatusReporter implements AutoCloseable {
    static final Duration BATCH_DELAY = Duration.ofMillis(20);
    static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** Most reports in one request, well inside the cluster port's 1 MiB frame. */
    static final int MAX_BATCH = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(TaskStatusReporter.class);

    private final ClusterPortClient client;
    private final SslContext tls;
    private final ScheduledExecutorService executor;
    private volatile List<String> managers;
    /** Guarded by {@code this}. */
    private final Map<String, TaskStatus> pending = new LinkedHashMap<>();
    /** Guarded by {@code this}: a flush is scheduled or a request is in flight. */
    private boolean busy;
    /** Confined to the request chain (one at a time). */
    private int next;
    private long backoffMillis = MIN_BACKOFF.toMillis();

    private TaskStatusReporter(ClusterPortClient client, SslContext tls, List<String> managers) {
        this.client = client;
        this.tls = tls;
        this.managers = List.copyOf(managers);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "task-status");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A reporter to {@code managers} (cluster-port addresses) over {@code tls} from {@code TlsContexts.client}. */
    public static TaskStatusReporter start(ClusterPortClient client, SslContext tls, List<String> managers) {
        if (managers.isEmpty()) {
            throw new IllegalArgumentException("no manager to report task status to");
        }
        return new TaskStatusReporter(client, tls, managers);
    }

    /** Replaces the managers to report to. */
    public void managers(List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no manager to report task status to");
        }
        managers = List.copyOf(addresses);
    }

    /** Queues {@code status} as task {@code taskId}'s latest observed status; returns at once. */
    public void report(String taskId, TaskStatus status) {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(status, "status");
        synchronized (this) {
            pending.remove(taskId);
            pending.put(taskId, status);
            if (busy) {
                return;
            }
            busy = true;
        }
        schedule(BATCH_DELAY.toMillis());
    }

    /** How many tasks have a status not yet accepted by a manager. */
    public synchronized int pending() {
        return pending.size();
    }

    private void flush() {
        List<Command.TaskReport> batch = new ArrayList<>();
        synchronized (this) {
            var oldest = pending.entrySet().iterator();
            while (oldest.hasNext() && batch.size() < MAX_BATCH) {
                var entry = oldest.next();
                batch.add(new Command.TaskReport(entry.getKey(), entry.getValue()));
                oldest.remove();
            }
            if (batch.isEmpty()) {
                busy = false;
                return;
            }
        }
        List<String> known = managers;
        String target = known.get(Math.floorMod(next, known.size()));
        client.request(target, tls, new ClusterMessage.ReportTaskStatus(batch), ClusterMessage.TaskStatusRecorded.class)
                .whenComplete((recorded, failure) -> {
                    if (failure == null) {
                        backoffMillis = MIN_BACKOFF.toMillis();
                        again(0);
                        return;
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof ClusterPortException refused && refused.status() == ClusterPortService.BAD_REQUEST) {
                        LOG.warn("manager {} refused {} task status reports as bad input: {}", target, batch.size(),
                                cause.getMessage());
                        again(0);
                        return;
                    }
                    synchronized (this) {
                        for (Command.TaskReport report : batch) {
                            pending.putIfAbsent(report.taskId(), report.status());
                        }
                    }
                    next = Math.floorMod(next + 1, known.size());
                    LOG.info("task status report to {} failed ({}); retrying with {} in {} ms", target,
                            cause.getMessage(), known.get(next), backoffMillis);
                    long delay = backoffMillis;
                    backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
                    again(delay);
                });
    }

    /** After a request: flush again after {@code delayMillis} if reports wait, else go idle. */
    private void again(long delayMillis) {
        synchronized (this) {
            if (pending.isEmpty()) {
                busy = false;
                return;
            }
        }
        schedule(Math.max(delayMillis, BATCH_DELAY.toMillis()));
    }

    private void schedule(long delayMillis) {
        try {
            executor.schedule(this::flush, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
