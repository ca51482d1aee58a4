package dev.swarmnet.controlplane.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * What {@link TaskSupervisor} needs from a node to run tasks: the I/O edge, implemented by
 * {@link TaskRuntime}. Every method may block (milliseconds, or up to the grace period for
 * {@link #stop}); calls for one task come one at a time, calls for different tasks may overlap.
 */
public interface TaskHost {

    /** Creates the task's namespace and interfaces. Leaves nothing behind when it throws. */
    PreparedTask prepare(TaskLaunch launch) throws IOException;

    /**
     * Makes fresh TAPs, with the same configuration, in the namespace of a task left by an earlier
     * daemon life (whose TAPs died with that daemon's fds), and adopts its process if it still runs.
     */
    PreparedTask reattach(TaskLaunch launch) throws IOException;

    /** Starts the task's process in its namespace; returns the pid. */
    long start(PreparedTask task) throws IOException;

    /**
     * Calls {@code exitCode} once when the task's process ends, on some other thread: its exit
     * status (128 + signal when a signal ended it), or -1 when it cannot be known (an adopted
     * process). Calls it at once if the process has already ended.
     */
    void onExit(String taskId, IntConsumer exitCode);

    /**
     * SIGTERM to the process and its descendants, SIGKILL after {@code grace}; waits for the end.
     *
     * @return the exit status, or -1 when it cannot be known
     */
    int stop(String taskId, Duration grace) throws IOException;

    /** Kills the process if alive and deletes the TAPs, namespace, resolv.conf and state file; keeps the log. */
    void remove(String taskId) throws IOException;

    /** Deletes the task's log file. */
    void removeLogs(String taskId) throws IOException;

    /**
     * Runs a health probe, {@code argv}, in the task's namespace with the task's environment, and
     * waits for it at most {@code timeout} (then kills it).
     *
     * @return the probe's exit status, or -1 when it timed out or could not start
     */
    int probe(String taskId, List<String> argv, Duration timeout);
}
