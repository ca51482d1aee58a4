package dev.swarmnet.controlplane.api;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Docker's multiplexed log stream (stdcopy, docker-api.md §6): each line is one frame, an 8-byte
 * header {@code [stream, 0, 0, 0, length as big-endian uint32]} and the payload
 * {@code [<RFC 3339 time> ][<details> ]<line>\n}. The details carry the node, service and task IDs
 * the CLI needs to name the task. Pure; any thread.
 */
final class LogFrames implements StreamingBody {

    static final String CONTENT_TYPE = "application/vnd.docker.multiplexed-stream";

    private final LogStream source;
    private final LogOptions options;
    private final boolean timestamps;
    private final boolean details;

    /**
     * @param timestamps prefix each line with its time ({@code timestamps=1})
     * @param details    prefix each line with its IDs ({@code details=1}, the CLI's default)
     */
    LogFrames(LogStream source, LogOptions options, boolean timestamps, boolean details) {
        this.source = source;
        this.options = options;
        this.timestamps = timestamps;
        this.details = details;
    }

    @Override
    public void start(StreamingBody.Sink sink) {
        source.start(new LogStream.Sink() {
            @Override
            public void entry(LogEntry entry) {
                if (options.wants(entry.stream())) {
                    sink.chunk(frame(entry, timestamps, details));
                }
            }

            @Override
            public void end() {
                sink.end();
            }
        });
    }

    @Override
    public void close() {
        source.close();
    }

    /** One frame for one line. */
    static byte[] frame(LogEntry entry, boolean timestamps, boolean details) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(entry.line().length + 160);
        if (timestamps) {
            payload.writeBytes(ascii(DockerJson.formatTime(entry.time()) + " "));
        }
        if (details) {
            payload.writeBytes(ascii("com.docker.swarm.node.id=" + escape(entry.nodeId())
                    + ",com.docker.swarm.service.id=" + escape(entry.serviceId())
                    + ",com.docker.swarm.task.id=" + escape(entry.taskId()) + " "));
        }
        payload.writeBytes(entry.line());
        payload.write('\n');
        int length = payload.size();
        byte[] frame = new byte[8 + length];
        frame[0] = (byte) entry.stream().id();
        frame[4] = (byte) (length >>> 24);
        frame[5] = (byte) (length >>> 16);
        frame[6] = (byte) (length >>> 8);
        frame[7] = (byte) length;
        System.arraycopy(payload.toByteArray(), 0, frame, 8, length);
        return frame;
    }

    private static String escape(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
