package dev.swarmnet.controlplane.cli.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one log frame's payload, {@code [<timestamp> ]<details> <message>}, into the line
 * {@code docker service logs} prints: {@code [<timestamp> ]web.1.abcdef123456@node1    | <message>}.
 * The details ({@code k=v} pairs, comma-separated, URL-escaped) name the node, service and task;
 * the {@link Names} resolve them, each once. Pure apart from what {@code Names} does.
 */
public final class LogLineFormatter {

    static final String NODE_ID = "com.docker.swarm.node.id";
    static final String SERVICE_ID = "com.docker.swarm.service.id";
    static final String TASK_ID = "com.docker.swarm.task.id";

    /** The lookups a log line needs; Docker's client asks the daemon for each once. */
    public interface Names {
        /** {@code Spec.Name} of a service. */
        String serviceName(String serviceId);

        /** {@code Slot} of a task (0 for global tasks). */
        long taskSlot(String taskId);

        /** {@code Description.Hostname} of a node. */
        String nodeName(String nodeId);
    }

    /**
     * How lines are written: {@code -t}, {@code --no-task-ids}, {@code --no-trunc}, {@code --raw},
     * {@code --details} (the details other than the three IDs, before the message).
     */
    public record Options(boolean timestamps, boolean noTaskIds, boolean noTrunc, boolean raw, boolean details) {
    }

    private final Options options;
    private final Names names;
    private final int padding;
    private final Map<String, String> prefixes = new TreeMap<>();

    /**
     * @param replicas the service's replica count, which sets the padding after short slot
     *                 numbers (0 for global services)
     */
    public LogLineFormatter(Options options, Names names, long replicas) {
        this.options = options;
        this.names = names;
        this.padding = replicas > 0 ? Long.toString(replicas).length() : 0;
    }

    /**
     * The printed line for one payload (which ends in its own newline, if the daemon sent one).
     *
     * @throws IllegalArgumentException with Docker's message for a payload it cannot read
     */
    public String format(String payload) {
        if (options.raw()) {
            return payload;
        }
        int parts = options.timestamps() ? 3 : 2;
        String[] split = payload.split(" ", parts);
        if (split.length != parts) {
            throw new IllegalArgumentException("invalid context in log message: " + payload);
        }
        int detailsIndex = options.timestamps() ? 1 : 0;
        Map<String, String> details = parseDetails(split[detailsIndex]);
        String nodeId = require(details, NODE_ID, "missing node id in details");
        String serviceId = require(details, SERVICE_ID, "missing service id in details");
        String taskId = require(details, TASK_ID, "missing task id in details");
        StringBuilder line = new StringBuilder();
        if (options.timestamps()) {
            line.append(split[0]).append(' ');
        }
        line.append(prefixes.computeIfAbsent(nodeId + "/" + serviceId + "/" + taskId,
                k -> prefix(nodeId, serviceId, taskId)));
        line.append("    | ");
        List<String> rest = new ArrayList<>();
        details.forEach((k, v) -> {
            if (!k.equals(NODE_ID) && !k.equals(SERVICE_ID) && !k.equals(TASK_ID)) {
                rest.add(k + "=" + v);
            }
        });
        if (options.details() && !rest.isEmpty()) {
            line.append(String.join(",", rest)).append(' ');
        }
        return line.append(split[detailsIndex + 1]).toString();
    }

    private String prefix(String nodeId, String serviceId, String taskId) {
        long slot = names.taskSlot(taskId);
        StringBuilder name = new StringBuilder(names.serviceName(serviceId)).append('.').append(slot);
        if (!options.noTaskIds()) {
            name.append('.').append(options.noTrunc() ? taskId : NetworkTable.truncateId(taskId));
        }
        name.append('@').append(names.nodeName(nodeId));
        int pad = padding - Long.toString(slot).length();
        return name.append(" ".repeat(Math.max(0, pad))).toString();
    }

    /** Docker's {@code logs.ParseLogDetails}: {@code k=v,k=v}, each part URL-unescaped. */
    static Map<String, String> parseDetails(String text) {
        Map<String, String> details = new TreeMap<>();
        if (text.isEmpty()) {
            return details;
        }
        for (String pair : text.split(",")) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("invalid details format");
            }
            details.put(unescape(pair.substring(0, equals)), unescape(pair.substring(equals + 1)));
        }
        return details;
    }

    private static String unescape(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String require(Map<String, String> details, String key, String message) {
        String value = details.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(message);
        }
        return value;
    }
}
