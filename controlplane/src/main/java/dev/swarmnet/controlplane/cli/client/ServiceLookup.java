package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How Docker's {@code service ps} picks the service a reference means among those the
 * {@code id} and {@code name} prefix filters returned: the exact ID, else the exact name, else
 * the only service whose ID starts with it. Pure.
 */
public final class ServiceLookup {

    private ServiceLookup() {
    }

    /** The service {@code ref} names, or {@code null} if none or several match. */
    public static JsonNode pick(List<JsonNode> candidates, String ref) {
        for (JsonNode service : candidates) {
            if (service.path("ID").asText("").equals(ref)) {
                return service;
            }
        }
        for (JsonNode service : candidates) {
            if (service.path("Spec").path("Name").asText("").equals(ref)) {
                return service;
            }
        }
        JsonNode found = null;
        for (JsonNode service : candidates) {
            String id = service.path("ID").asText("");
            if (id.startsWith(ref)) {
                if (found != null && !found.path("ID").asText("").equals(id)) {
                    return null;
                }
                found = service;
            }
        }
        return found;
    }
}
