/**
 * Task logs on the node that runs the task: reading one task's log file.
 *
 * <p>Design note. The task runtime appends a task's standard output and standard error to one
 * file ({@code RuntimeSettings.logFileOf(taskId)}, under {@code <dataDir>/logs}), raw, with no
 * timestamps and no stream marker. {@link dev.swarmnet.controlplane.logs.TaskLogFile} reads such
 * a file the way {@code docker service logs --tail N --follow} wants it: the last N lines are
 * found by scanning backwards from the end in 64 KiB blocks (memory is bounded whatever the file
 * size), then each read returns the complete lines appended since. Lines are kept as bytes; a
 * last line without its newline waits for it, or is delivered when the reader says the input
 * has ended; a line longer than 64 KiB is cut into pieces. A file that shrinks was truncated and
 * is read again from its start; a file removed from its directory (the runtime deletes a removed
 * task's log) is reported by {@code deleted()}, and a follower finishes it and stops. The reader
 * has no clock and no thread: whoever reads stamps each line with the time it was read (the
 * files carry none, so a line's time is when a node read it, not when the task wrote it; for
 * the tail that is the request's time) and decides how often to look again.
 *
 * <p>The network side lives in {@code cluster}: every node serves {@code task-logs} on its
 * cluster port ({@code TaskLogStream}, on workers a logs-only server), and a manager's
 * {@code TaskLogClient} merges many nodes' streams into one {@code api.LogStream}.
 */
package dev.swarmnet.controlplane.logs;
