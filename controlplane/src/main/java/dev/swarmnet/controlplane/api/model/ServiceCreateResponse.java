package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to {@code POST /services/create} (201); the CLI prints each warning on stderr, then the ID. */
public record ServiceCreateResponse(@JsonProperty("ID") String id, List<String> warnings) {
}
