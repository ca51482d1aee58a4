package dev.swarmnet.controlplane.runtime;

/**
 * A task found on the host by {@link TaskRuntime#scan()}: left by an earlier life of the daemon.
 *
 * @param taskId          the task
 * @param namespace       its namespace name
 * @param pid             its process id, or -1 when it never started
 * @param startedAtMillis when the process started (epoch ms), or 0
 * @param alive           whether that process still runs (same pid <em>and</em> same start time)
 * @param namespaceExists whether the namespace is still there
 */
public record LeftoverTask(String taskId, String namespace, long pid, long startedAtMillis, boolean alive,
                           boolean namespaceExists) {
}
