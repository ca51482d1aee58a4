package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code docker service ls} from {@code GET /services?status=true}: ID (12 characters), NAME,
 * MODE, REPLICAS ({@code ServiceStatus.RunningTasks/DesiredTasks}), IMAGE (without the digest of a pinned tag),
 * PORTS (ingress ports as {@code *:8080->80/tcp}, consecutive ports merged into ranges), rows
 * sorted by name. Pure.
 */
public final class ServiceTable {

    private static final String HEADER = "ID\tNAME\tMODE\tREPLICAS\tIMAGE\tPORTS";

    private final List<JsonNode> services = new ArrayList<>();

    public ServiceTable(JsonNode services) {
        services.forEach(this.services::add);
        this.services.sort(Comparator.comparing(s -> s.path("Spec").path("Name").asText("")));
    }

    /** The table with Docker's header and spacing. */
    public String table() {
        TabWriter writer = TabWriter.docker().line(HEADER);
        for (JsonNode service : services) {
            JsonNode spec = service.path("Spec");
            writer.row(NetworkTable.truncateId(service.path("ID").asText("")), spec.path("Name").asText(""),
                    mode(spec.path("Mode")), replicas(service), image(spec), ports(service.path("Endpoint").path("Ports")));
        }
        return writer.render();
    }

    /** One truncated ID per line, as {@code -q} prints. */
    public String ids() {
        StringBuilder out = new StringBuilder();
        services.forEach(s -> out.append(NetworkTable.truncateId(s.path("ID").asText(""))).append('\n'));
        return out.toString();
    }

    /** {@code replicated}, {@code global}, {@code replicated job} or {@code global job}. */
    static String mode(JsonNode mode) {
        if (mode.has("Global")) {
            return "global";
        }
        if (mode.has("ReplicatedJob")) {
            return "replicated job";
        }
        if (mode.has("GlobalJob")) {
            return "global job";
        }
        return mode.has("Replicated") ? "replicated" : "";
    }

    private static String replicas(JsonNode service) {
        JsonNode status = service.path("ServiceStatus");
        if (!status.isObject()) {
            return "";
        }
        String text = status.path("RunningTasks").asLong(0) + "/" + status.path("DesiredTasks").asLong(0);
        long max = service.path("Spec").path("TaskTemplate").path("Placement").path("MaxReplicas").asLong(0);
        return max > 0 ? text + " (max " + max + " per node)" : text;
    }

    /** The image as Docker shows it: without the digest of a tagged, pinned reference. */
    static String image(JsonNode spec) {
        return ImageRef.display(spec.path("TaskTemplate").path("ContainerSpec").path("Image").asText(""));
    }

    /** Ingress ports as Docker shows them, consecutive ports of one protocol merged into ranges. */
    static String ports(JsonNode ports) {
        List<JsonNode> ingress = new ArrayList<>();
        ports.forEach(p -> {
            if ("ingress".equals(p.path("PublishMode").asText("ingress"))) {
                ingress.add(p);
            }
        });
        ingress.sort(Comparator.<JsonNode, String>comparing(p -> p.path("Protocol").asText("tcp"))
                .thenComparingLong(p -> p.path("PublishedPort").asLong(0))
                .thenComparingLong(p -> p.path("TargetPort").asLong(0)));
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < ingress.size()) {
            JsonNode first = ingress.get(i);
            int j = i;
            while (j + 1 < ingress.size() && continues(ingress.get(j), ingress.get(j + 1))) {
                j++;
            }
            JsonNode last = ingress.get(j);
            String published = range(first.path("PublishedPort").asLong(0), last.path("PublishedPort").asLong(0));
            String target = range(first.path("TargetPort").asLong(0), last.path("TargetPort").asLong(0));
            parts.add("*:" + published + "->" + target + "/" + first.path("Protocol").asText("tcp"));
            i = j + 1;
        }
        return String.join(", ", parts);
    }

    private static boolean continues(JsonNode a, JsonNode b) {
        return a.path("Protocol").asText("tcp").equals(b.path("Protocol").asText("tcp"))
                && b.path("PublishedPort").asLong(0) == a.path("PublishedPort").asLong(0) + 1
                && b.path("TargetPort").asLong(0) == a.path("TargetPort").asLong(0) + 1;
    }

    private static String range(long from, long to) {
        return from == to ? Long.toString(from) : from + "-" + to;
    }
}
