package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code docker service ps} from {@code GET /tasks}: tasks sorted by name (service.slot, or
 * service.nodeID for global tasks) in natural order, newest first within a slot, older tasks of
 * a slot indented {@code " \_ "}; CURRENT STATE is the state and its age, ERROR quoted and cut to
 * 30 characters. Pure: names and the clock are passed in.
 */
public final class TaskTable {

    static final String HEADER = "ID\tNAME\tIMAGE\tNODE\tDESIRED STATE\tCURRENT STATE\tERROR\tPORTS";
    static final int MAX_ERROR_LENGTH = 30;
    private static final Duration GO_MAX_DURATION = Duration.ofNanos(Long.MAX_VALUE);

    private record Row(JsonNode task, String name) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> nodeNames;

    /**
     * @param tasks        the {@code GET /tasks} answer
     * @param serviceNames service name by service ID
     * @param nodeNames    node hostname by node ID (an unknown node prints as its ID)
     */
    public TaskTable(JsonNode tasks, Map<String, String> serviceNames, Map<String, String> nodeNames) {
        this.nodeNames = nodeNames;
        for (JsonNode task : tasks) {
            String service = serviceNames.getOrDefault(task.path("ServiceID").asText(""),
                    task.path("ServiceID").asText(""));
            long slot = task.path("Slot").asLong(0);
            rows.add(new Row(task, service + "." + (slot != 0 ? Long.toString(slot) : task.path("NodeID").asText(""))));
        }
        rows.sort(Comparator.comparing(Row::name, NodeTable::naturalCompare)
                .thenComparing(r -> createdAt(r.task()), Comparator.reverseOrder()));
    }

    /** The table as of {@code now}; {@code trunc} is Docker's default (no {@code --no-trunc}). */
    public String table(Instant now, boolean trunc) {
        TabWriter writer = TabWriter.docker().line(HEADER);
        String previous = null;
        for (Row row : rows) {
            JsonNode task = row.task();
            JsonNode status = task.path("Status");
            String name = row.name().equals(previous) ? " \\_ " + row.name() : row.name();
            previous = row.name();
            String nodeId = task.path("NodeID").asText("");
            writer.row(trunc ? NetworkTable.truncateId(task.path("ID").asText("")) : task.path("ID").asText(""),
                    name, image(task, trunc), nodeNames.getOrDefault(nodeId, nodeId),
                    NodeTable.capitalizeFirst(task.path("DesiredState").asText("")),
                    currentState(status, now), error(status.path("Err").asText(""), trunc),
                    ports(status.path("PortStatus").path("Ports")));
        }
        return writer.render();
    }

    /** One full ID per line in table order, as {@code -q} prints. */
    public String ids() {
        StringBuilder out = new StringBuilder();
        rows.forEach(r -> out.append(r.task().path("ID").asText("")).append('\n'));
        return out.toString();
    }

    /** {@code Running 2 minutes ago}. */
    static String currentState(JsonNode status, Instant now) {
        String timestamp = status.path("Timestamp").asText("");
        Instant since = timestamp.isEmpty() ? Instant.parse("0001-01-01T00:00:00Z") : Instant.parse(timestamp);
        Duration age = Duration.between(since, now);
        if (age.compareTo(GO_MAX_DURATION) > 0) {
            age = GO_MAX_DURATION; // Go's time.Since saturates: a missing time shows as "292 years ago"
        }
        return NodeTable.capitalizeFirst(status.path("State").asText("")) + " "
                + GoDuration.human(age.isNegative() ? Duration.ZERO : age).toLowerCase(java.util.Locale.ROOT) + " ago";
    }

    /** The error quoted, and cut to 30 characters with an ellipsis unless {@code trunc} is off. */
    static String error(String err, boolean trunc) {
        if (err.isEmpty()) {
            return "";
        }
        String text = err;
        if (trunc && text.codePointCount(0, text.length()) > MAX_ERROR_LENGTH) {
            text = text.substring(0, text.offsetByCodePoints(0, MAX_ERROR_LENGTH - 1)) + "…";
        }
        return "\"" + text + "\"";
    }

    private static String image(JsonNode task, boolean trunc) {
        String image = task.path("Spec").path("ContainerSpec").path("Image").asText("");
        return trunc ? ImageRef.display(image) : image;
    }

    private static String ports(JsonNode ports) {
        List<String> parts = new ArrayList<>();
        ports.forEach(p -> parts.add("*:" + p.path("PublishedPort").asLong(0) + "->" + p.path("TargetPort").asLong(0)
                + "/" + p.path("Protocol").asText("tcp")));
        return String.join(", ", parts);
    }

    private static Instant createdAt(JsonNode task) {
        String created = task.path("CreatedAt").asText("");
        return created.isEmpty() ? Instant.EPOCH : Instant.parse(created);
    }
}
