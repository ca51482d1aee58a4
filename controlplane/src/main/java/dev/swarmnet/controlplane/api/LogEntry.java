package dev.swarmnet.controlplane.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One line a task wrote, with the IDs {@code docker service logs} needs to label it.
 *
 * @param stream    which output it came from
 * @param time      when it was written
 * @param nodeId    the task's node
 * @param serviceId the task's service
 * @param taskId    the task
 * @param line      the bytes of the line, without its newline
 */
public record LogEntry(Stream stream, Instant time, String nodeId, String serviceId, String taskId, byte[] line) {

    /** The stdcopy stream of a frame: 1 stdout, 2 stderr. */
    public enum Stream {
        STDOUT(1), STDERR(2);

        private final int id;

        Stream(int id) {
            this.id = id;
        }

        /** The stream byte of the frame header. */
        public int id() {
            return id;
        }
    }

    public LogEntry {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(line, "line");
    }
}
