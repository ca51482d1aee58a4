package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code docker service inspect --pretty} for one service, from its
 * {@code GET /services/{ref}?insertDefaults=true} answer: Docker's template, its tabs, trailing
 * spaces and Go formatting of lists and durations included. Pure: network names are looked up
 * through the function passed in.
 */
public final class ServicePrettyText {

    private ServicePrettyText() {
    }

    /**
     * The text, ending in a newline.
     *
     * @param networkName the name of a network by ID, as {@code GET /networks/{id}} gives it
     */
    public static String render(JsonNode service, Function<String, String> networkName) {
        StringBuilder out = new StringBuilder();
        JsonNode spec = service.path("Spec");
        JsonNode template = spec.path("TaskTemplate");
        JsonNode container = template.path("ContainerSpec");
        out.append("\nID:\t\t").append(service.path("ID").asText("")).append('\n');
        out.append("Name:\t\t").append(spec.path("Name").asText(""));
        Map<String, String> labels = new TreeMap<>();
        spec.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText("")));
        if (!labels.isEmpty()) {
            out.append("\nLabels:");
            labels.forEach((k, v) -> out.append("\n ").append(k).append(v.isEmpty() ? "" : "=" + v));
        }
        out.append("\nService Mode:");
        JsonNode mode = spec.path("Mode");
        if (mode.has("Global")) {
            out.append("\tGlobal");
        } else if (mode.has("Replicated")) {
            out.append("\tReplicated");
            if (mode.path("Replicated").has("Replicas")) {
                out.append("\n Replicas:\t").append(mode.path("Replicated").path("Replicas").asLong());
            }
        }
        JsonNode updateStatus = service.path("UpdateStatus");
        if (updateStatus.isObject()) {
            out.append("\nUpdateStatus:\n State:\t\t").append(updateStatus.path("State").asText(""));
            if (!updateStatus.path("StartedAt").asText("").isEmpty()) {
                out.append("\n Started:\t").append(since(updateStatus.path("StartedAt").asText())).append(" ago");
            }
            if ("completed".equals(updateStatus.path("State").asText(""))
                    && !updateStatus.path("CompletedAt").asText("").isEmpty()) {
                out.append("\n Completed:\t").append(since(updateStatus.path("CompletedAt").asText())).append(" ago");
            }
            out.append("\n Message:\t").append(updateStatus.path("Message").asText(""));
        }
        out.append("\nPlacement:");
        JsonNode constraints = template.path("Placement").path("Constraints");
        if (constraints.size() > 0) {
            out.append("\n Constraints:\t").append(goList(constraints));
        }
        long maxReplicas = template.path("Placement").path("MaxReplicas").asLong(0);
        if (maxReplicas > 0) {
            out.append("\n Max Replicas Per Node:   ").append(maxReplicas);
        }
        appendUpdateConfig(out, spec.path("UpdateConfig"), "UpdateConfig", "Update order:      ");
        appendUpdateConfig(out, spec.path("RollbackConfig"), "RollbackConfig", "Rollback order:    ");
        out.append("\nContainerSpec:\n Image:\t\t").append(container.path("Image").asText(""));
        if (container.path("Args").size() > 0) {
            out.append("\n Args:\t\t");
            container.path("Args").forEach(a -> out.append(a.asText()).append(' '));
        }
        if (container.path("Env").size() > 0) {
            out.append("\n Env:\t\t");
            container.path("Env").forEach(e -> out.append(e.asText()).append(' '));
        }
        if (!container.path("Dir").asText("").isEmpty()) {
            out.append("\n Dir:\t\t").append(container.path("Dir").asText());
        }
        if (container.has("Init") && !container.path("Init").isNull()) {
            out.append("\n Init:\t\t").append(container.path("Init").asBoolean(false));
        }
        if (!container.path("User").asText("").isEmpty()) {
            out.append("\n User: ").append(container.path("User").asText());
        }
        JsonNode resources = template.path("Resources");
        if (resources.path("Limits").isObject() || resources.path("Reservations").isObject()) {
            out.append("\nResources:");
            appendResources(out, resources.path("Reservations"), "Reservations");
            appendResources(out, resources.path("Limits"), "Limits");
        }
        JsonNode networks = template.path("Networks");
        if (networks.size() == 0) {
            networks = spec.path("Networks");
        }
        if (networks.size() > 0) {
            out.append("\nNetworks:");
            for (JsonNode network : networks) {
                out.append(' ').append(networkName.apply(network.path("Target").asText("")));
            }
            out.append(' ');
        }
        out.append("\nEndpoint Mode:\t").append(spec.path("EndpointSpec").path("Mode").asText(""));
        JsonNode ports = service.path("Endpoint").path("Ports");
        if (ports.size() > 0) {
            out.append("\nPorts:");
            for (JsonNode port : ports) {
                out.append("\n PublishedPort = ").append(port.path("PublishedPort").asLong(0))
                        .append("\n  Protocol = ").append(port.path("Protocol").asText(""))
                        .append("\n  TargetPort = ").append(port.path("TargetPort").asLong(0))
                        .append("\n  PublishMode = ").append(port.path("PublishMode").asText(""));
            }
            out.append(" \n"); // the template's line break after the ports block
        }
        return out.append('\n').toString();
    }

    private static void appendUpdateConfig(StringBuilder out, JsonNode config, String title, String orderLabel) {
        if (!config.isObject()) {
            return;
        }
        out.append('\n').append(title).append(":\n Parallelism:\t").append(config.path("Parallelism").asLong(0));
        long delay = config.path("Delay").asLong(0);
        if (delay > 0) {
            out.append("\n Delay:\t\t").append(GoDuration.format(delay));
        }
        out.append("\n On failure:\t").append(config.path("FailureAction").asText(""));
        long monitor = config.path("Monitor").asLong(0);
        if (monitor > 0) {
            out.append("\n Monitoring Period: ").append(GoDuration.format(monitor));
        }
        out.append("\n Max failure ratio: ").append(goFloat(config.path("MaxFailureRatio").asDouble(0)));
        out.append("\n ").append(orderLabel).append(config.path("Order").asText(""));
    }

    private static void appendResources(StringBuilder out, JsonNode resources, String title) {
        long nanoCpus = resources.path("NanoCPUs").asLong(0);
        long memory = resources.path("MemoryBytes").asLong(0);
        if (nanoCpus == 0 && memory == 0) {
            return;
        }
        out.append("\n ").append(title).append(':');
        if (nanoCpus > 0) {
            out.append("\n  CPU:\t\t").append(new BigDecimal(nanoCpus).movePointLeft(9).stripTrailingZeros()
                    .toPlainString());
        }
        if (memory > 0) {
            out.append("\n  Memory:\t").append(InfoText.bytesSize(memory));
        }
    }

    /** A Go {@code []string} as {@code %v} prints it: {@code [a b]}. */
    static String goList(JsonNode values) {
        List<String> items = new ArrayList<>();
        values.forEach(v -> items.add(v.asText()));
        return "[" + String.join(" ", items) + "]";
    }

    private static String goFloat(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String since(String rfc3339) {
        return GoDuration.human(java.time.Duration.between(java.time.Instant.parse(rfc3339), java.time.Instant.now()));
    }
}
