package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a node reports about itself ({@code Description}); {@code Hostname} is the node's name for lookups. */
public record NodeDescription(
        String hostname,
        Platform platform,
        Resources resources,
        EngineDescription engine,
        @JsonProperty("TLSInfo") TlsInfo tlsInfo) {
}
