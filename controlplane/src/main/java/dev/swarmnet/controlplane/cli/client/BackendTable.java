package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code swarmnet service inspect --backends --pretty}: the service's {@code SwarmnetBackends}
 * (every node's data-plane view of its VIPs) as a table, one line per node, VIP protocol and
 * backend: NODE, VIP, PROTOCOL, TASK, ADDRESS, STATE, FLOWS (open flows; {@code -} when the node
 * did not count them). A node that gave no view is one line with its error; a node with no
 * backend for the service says so. Then, when the service publishes ports, one line per node and
 * port: NODE, PORT, STATE ({@code open}, {@code restricted} or {@code blocked}), DETAIL (addresses, or why it is
 * not open). Pure.
 */
public final class BackendTable {
    static final String HEADER = "NODE\tVIP\tPROTOCOL\tTASK\tADDRESS\tSTATE\tFLOWS";
    static final String PORTS_HEADER = "NODE\tPORT\tSTATE\tDETAIL";

    private BackendTable() {
    }

    /** The text, starting with a {@code Backends:} title line and ending in a newline. */
    public static String render(JsonNode backends) {
        TabWriter table = TabWriter.docker().line(HEADER);
        for (Iterator<Map.Entry<String, JsonNode>> nodes = backends.fields(); nodes.hasNext(); ) {
            Map.Entry<String, JsonNode> node = nodes.next();
            JsonNode entry = node.getValue();
            if (entry.has("Error")) {
                table.row(node.getKey(), entry.path("Error").asText(""));
                continue;
            }
            int rows = 0;
            for (JsonNode vip : entry.path("VirtualIPs")) {
                for (JsonNode service : vip.path("VirtualServices")) {
                    for (JsonNode backend : service.path("Backends")) {
                        String task = backend.path("TaskName").asText("");
                        table.row(node.getKey(), vip.path("VIP").asText(""), service.path("Protocol").asText(""),
                                task.isEmpty() ? "(unknown task)" : task, backend.path("Address").asText(""),
                                backend.path("State").asText(""),
                                backend.has("ActiveFlows") ? backend.path("ActiveFlows").asText() : "-");
                        rows++;
                    }
                }
            }
            if (rows == 0) {
                table.row(node.getKey(), "no backends");
            }
        }
        TabWriter ports = TabWriter.docker().line(PORTS_HEADER);
        int published = 0;
        for (Iterator<Map.Entry<String, JsonNode>> nodes = backends.fields(); nodes.hasNext(); ) {
            Map.Entry<String, JsonNode> node = nodes.next();
            for (JsonNode port : node.getValue().path("PublishedPorts")) {
                String detail = port.has("Error") ? port.path("Error").asText() : joined(port.path("Addresses"));
                ports.row(node.getKey(), port.path("Port").asText(""), port.path("State").asText(""), detail);
                published++;
            }
        }
        return "Backends:\n" + table.render() + (published == 0 ? "" : "Published ports:\n" + ports.render());
    }

    private static String joined(JsonNode values) {
        StringBuilder text = new StringBuilder();
        values.forEach(v -> text.append(text.length() == 0 ? "" : ", ").append(v.asText()));
        return text.toString();
    }
}
