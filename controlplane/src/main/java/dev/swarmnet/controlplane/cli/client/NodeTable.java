package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code docker node ls} output from {@code GET /nodes} and {@code GET /info}: rows sorted by
 * hostname in natural order, this node's ID marked with {@code *}, states title-cased, the
 * leader's manager status shown as {@code Leader}. Pure; missing fields print as blanks.
 */
public final class NodeTable {

    private static final String HEADER = "ID  \tHOSTNAME\tSTATUS\tAVAILABILITY\tMANAGER STATUS\tENGINE VERSION";

    private final List<JsonNode> nodes;
    private final JsonNode info;

    /**
     * @param nodes the {@code GET /nodes} answer
     * @param info  the {@code GET /info} answer; {@code Swarm.NodeID} marks this node
     */
    public NodeTable(JsonNode nodes, JsonNode info) {
        this.nodes = new ArrayList<>();
        nodes.forEach(this.nodes::add);
        this.nodes.sort(Comparator.comparing(node -> node.path("Description").path("Hostname").asText(""),
                NodeTable::naturalCompare));
        this.info = info;
    }

    /** The table with Docker's header, columns and spacing. */
    public String table() {
        TabWriter writer = TabWriter.docker().line(HEADER);
        String self = info.path("Swarm").path("NodeID").asText("");
        for (JsonNode node : nodes) {
            String id = node.path("ID").asText("");
            writer.row(id + " " + (!id.isEmpty() && id.equals(self) ? "*" : " "), hostname(node), status(node),
                    availability(node), managerStatus(node), engineVersion(node));
        }
        return writer.render();
    }

    /** One ID per line, as {@code -q} prints. */
    public String ids() {
        StringBuilder out = new StringBuilder();
        nodes.forEach(node -> out.append(node.path("ID").asText("")).append('\n'));
        return out.toString();
    }

    /** One JSON object per line, as {@code --format json} prints: the table's fields, keys sorted. */
    public String jsonLines() {
        String self = info.path("Swarm").path("NodeID").asText("");
        StringBuilder out = new StringBuilder();
        for (JsonNode node : nodes) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Availability", availability(node));
            row.put("EngineVersion", engineVersion(node));
            row.put("Hostname", hostname(node));
            row.put("ID", node.path("ID").asText(""));
            row.put("ManagerStatus", managerStatus(node));
            row.put("Self", !self.isEmpty() && self.equals(node.path("ID").asText("")));
            row.put("Status", status(node));
            row.put("TLSStatus", tlsStatus(node));
            out.append(GoJson.compact(row)).append('\n');
        }
        return out.toString();
    }

    private static String hostname(JsonNode node) {
        return node.path("Description").path("Hostname").asText("");
    }

    private static String status(JsonNode node) {
        return capitalizeFirst(node.path("Status").path("State").asText(""));
    }

    private static String availability(JsonNode node) {
        return capitalizeFirst(node.path("Spec").path("Availability").asText(""));
    }

    private static String engineVersion(JsonNode node) {
        return node.path("Description").path("Engine").path("EngineVersion").asText("");
    }

    /** {@code Leader}, else the title-cased reachability; blank for workers. */
    static String managerStatus(JsonNode node) {
        JsonNode manager = node.path("ManagerStatus");
        if (!manager.isObject()) {
            return "";
        }
        if (manager.path("Leader").asBoolean(false)) {
            return "Leader";
        }
        return capitalizeFirst(manager.path("Reachability").asText(""));
    }

    /** Docker's comparison of the node's certificate issuer with the cluster's. */
    private String tlsStatus(JsonNode node) {
        JsonNode cluster = info.path("Swarm").path("Cluster");
        JsonNode nodeTls = node.path("Description").path("TLSInfo");
        if (!cluster.isObject() || nodeTls.isMissingNode() || nodeTls.isEmpty()) {
            return "Unknown";
        }
        return nodeTls.equals(cluster.path("TLSInfo")) ? "Ready" : "Needs Rotation";
    }

    /** The first letter upper case, the rest lower case, as Docker's {@code command.PrettyPrint} does. */
    public static String capitalizeFirst(String text) {
        if (text.isEmpty()) {
            return text;
        }
        int first = text.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first))
                .append(text.substring(Character.charCount(first)).toLowerCase(Locale.ROOT)).toString();
    }

    /** Natural order: runs of digits compare as numbers, everything else character by character. */
    static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                String na = stripZeros(a.substring(i, endA));
                String nb = stripZeros(b.substring(j, endB));
                int byLength = Integer.compare(na.length(), nb.length());
                if (byLength != 0) {
                    return byLength;
                }
                int byDigits = na.compareTo(nb);
                if (byDigits != 0) {
                    return byDigits;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static String stripZeros(String digits) {
        String stripped = digits.replaceFirst("^0+", "");
        return stripped.isEmpty() ? "0" : stripped.toLowerCase(Locale.ROOT);
    }
}
