package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** The cluster part of the swarm (Go {@code swarm.ClusterInfo}), as {@code GET /info} shows it under {@code Swarm.Cluster}. */
public record ClusterInfo(
        @JsonProperty("ID") String id,
        Version version,
        Instant createdAt,
        Instant updatedAt,
        SwarmSpec spec,
        @JsonProperty("TLSInfo") TlsInfo tlsInfo,
        boolean rootRotationInProgress,
        List<String> defaultAddrPool,
        int subnetSize,
        int dataPathPort) {
}
