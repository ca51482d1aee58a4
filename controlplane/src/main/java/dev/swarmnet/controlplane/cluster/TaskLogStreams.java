package dev.swarmnet.controlplane.cluster;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The server's task-log streams: the thread that reads the log files ({@code task-logs}; file
 * reads never run on an event loop), where a task's file is, and every open
 * {@link TaskLogStream}, so that {@link #close} releases their files even when their
 * connections could not say goodbye. Thread-safe.
 */
final class TaskLogStreams implements AutoCloseable {
    private final Function<String, Optional<Path>> files;
    private final LongSupplier clockMillis;
    private final ScheduledThreadPoolExecutor reader;
    private final Set<TaskLogStream> open = ConcurrentHashMap.newKeySet();

    TaskLogStreams(Function<String, Optional<Path>> files, LongSupplier clockMillis) {
        this.files = files;
        this.clockMillis = clockMillis;
        this.reader = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "task-logs");
            thread.setDaemon(true);
            return thread;
        });
        reader.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        reader.setRemoveOnCancelPolicy(true);
    }

    /** Where task {@code taskId}'s log file is on this node, if it has one. */
    Optional<Path> fileOf(String taskId) {
        Optional<Path> file = files.apply(taskId);
        return file == null ? Optional.empty() : file;
    }

    long nowMillis() {
        return clockMillis.getAsLong();
    }

    ScheduledExecutorService reader() {
        return reader;
    }

    void opened(TaskLogStream stream) {
        open.add(stream);
    }

    void closed(TaskLogStream stream) {
        open.remove(stream);
    }

    /** How many streams hold files now (tests). */
    int openStreams() {
        return open.size();
    }

    /** Stops the reader thread, then releases every stream's files. */
    @Override
    public void close() {
        reader.shutdownNow();
        try {
            reader.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (TaskLogStream stream : open) {
            stream.release();
        }
        open.clear();
    }
}
