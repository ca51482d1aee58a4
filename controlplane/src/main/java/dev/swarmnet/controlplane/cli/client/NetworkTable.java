package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code docker network ls} from {@code GET /networks}: NETWORK ID (12 characters), NAME, DRIVER,
 * SCOPE, rows sorted by name. Pure; missing fields print as blanks.
 */
public final class NetworkTable {

    private static final String HEADER = "NETWORK ID\tNAME\tDRIVER\tSCOPE";

    private final List<JsonNode> networks = new ArrayList<>();

    public NetworkTable(JsonNode networks) {
        networks.forEach(this.networks::add);
        this.networks.sort(Comparator.comparing(n -> n.path("Name").asText("")));
    }

    /** The table with Docker's header and spacing. */
    public String table(boolean noTrunc) {
        TabWriter writer = TabWriter.docker().line(HEADER);
        for (JsonNode network : networks) {
            writer.row(id(network, noTrunc), network.path("Name").asText(""), network.path("Driver").asText(""),
                    network.path("Scope").asText(""));
        }
        return writer.render();
    }

    /** One ID per line, as {@code -q} prints. */
    public String ids(boolean noTrunc) {
        StringBuilder out = new StringBuilder();
        networks.forEach(n -> out.append(id(n, noTrunc)).append('\n'));
        return out.toString();
    }

    private static String id(JsonNode network, boolean noTrunc) {
        String id = network.path("Id").asText("");
        return noTrunc ? id : truncateId(id);
    }

    /** Docker's {@code stringid.TruncateID}: drop anything up to a {@code :}, keep 12 characters. */
    public static String truncateId(String id) {
        String bare = id.substring(id.indexOf(':') + 1);
        return bare.length() > 12 ? bare.substring(0, 12) : bare;
    }
}
