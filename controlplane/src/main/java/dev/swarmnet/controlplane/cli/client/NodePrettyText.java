package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code docker node inspect --pretty} for one node, from its {@code GET /nodes/{ref}} answer:
 * Docker's template, its tabs and padding included. Pure.
 */
public final class NodePrettyText {

    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private NodePrettyText() {
    }

    /** The text, ending in a newline. */
    public static String render(JsonNode node) {
        StringBuilder out = new StringBuilder();
        JsonNode spec = node.path("Spec");
        JsonNode description = node.path("Description");
        out.append("ID:\t\t\t").append(node.path("ID").asText("")).append('\n');
        if (!spec.path("Name").asText("").isEmpty()) {
            out.append("Name:\t\t\t").append(spec.path("Name").asText()).append('\n');
        }
        Map<String, String> labels = new TreeMap<>();
        spec.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText("")));
        if (!labels.isEmpty()) {
            out.append("Labels:\n");
            labels.forEach((k, v) -> out.append(" - ").append(k).append(v.isEmpty() ? "" : "=" + v).append('\n'));
        }
        out.append("Hostname:              \t").append(description.path("Hostname").asText("")).append('\n');
        out.append("Joined at:             \t").append(goTime(node.path("CreatedAt").asText(""))).append('\n');
        out.append("Status:\n");
        out.append(" State:\t\t\t").append(NodeTable.capitalizeFirst(node.path("Status").path("State").asText("")))
                .append('\n');
        String message = node.path("Status").path("Message").asText("");
        if (!message.isEmpty()) {
            out.append(" Message:              \t").append(NodeTable.capitalizeFirst(message)).append('\n');
        }
        out.append(" Availability:         \t").append(NodeTable.capitalizeFirst(spec.path("Availability").asText("")))
                .append('\n');
        String addr = node.path("Status").path("Addr").asText("");
        if (!addr.isEmpty()) {
            out.append(" Address:\t\t").append(addr).append('\n');
        }
        JsonNode manager = node.path("ManagerStatus");
        if (manager.isObject()) {
            out.append("Manager Status:\n");
            out.append(" Address:\t\t").append(manager.path("Addr").asText("")).append('\n');
            out.append(" Raft Status:\t\t").append(NodeTable.capitalizeFirst(manager.path("Reachability").asText("")))
                    .append('\n');
            out.append(" Leader:\t\t").append(manager.path("Leader").asBoolean(false) ? "Yes" : "No").append('\n');
        }
        out.append("Platform:\n");
        out.append(" Operating System:\t").append(description.path("Platform").path("OS").asText("")).append('\n');
        out.append(" Architecture:\t\t").append(description.path("Platform").path("Architecture").asText(""))
                .append('\n');
        out.append("Resources:\n");
        out.append(" CPUs:\t\t\t").append(cpus(description.path("Resources").path("NanoCPUs").asLong(0))).append('\n');
        out.append(" Memory:\t\t").append(InfoText.bytesSize(description.path("Resources").path("MemoryBytes")
                .asLong(0))).append('\n');
        out.append("Engine Version:\t\t").append(description.path("Engine").path("EngineVersion").asText(""))
                .append('\n');
        return out.toString();
    }

    /** Go's {@code time.Time.String()} in UTC, lower-cased after the first letter as Docker prints it. */
    static String goTime(String rfc3339) {
        if (rfc3339.isEmpty()) {
            return "0001-01-01 00:00:00 +0000 utc";
        }
        Instant time = Instant.parse(rfc3339);
        var utc = time.atOffset(ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(GO_TIME.format(utc));
        if (utc.getNano() != 0) {
            text.append('.').append(String.format("%09d", utc.getNano()).replaceFirst("0+$", ""));
        }
        return text.append(" +0000 utc").toString();
    }

    private static String cpus(long nanoCpus) {
        return new BigDecimal(nanoCpus).movePointLeft(9).stripTrailingZeros().toPlainString();
    }
}
