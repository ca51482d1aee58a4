package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to {@code POST /networks/create} (201): {@code {"Id":"…","Warning":""}}; the CLI prints the Id. */
public record NetworkCreateResponse(
        @JsonProperty("Id") String id,
        @JsonInclude(JsonInclude.Include.ALWAYS) String warning) {
}
