package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The answer to {@code GET /swarm} (Go {@code swarm.Swarm}): the cluster and its join tokens.
 * The CLI reads {@code JoinTokens}, {@code Version} and {@code Spec}.
 */
public record Swarm(
        @JsonProperty("ID") String id,
        Version version,
        Instant createdAt,
        Instant updatedAt,
        SwarmSpec spec,
        @JsonProperty("TLSInfo") TlsInfo tlsInfo,
        boolean rootRotationInProgress,
        List<String> defaultAddrPool,
        int subnetSize,
        int dataPathPort,
        JoinTokens joinTokens) {

    /** The same cluster without its secrets, as {@code GET /info} shows it. */
    @JsonIgnore
    public ClusterInfo clusterInfo() {
        return new ClusterInfo(id, version, createdAt, updatedAt, spec, tlsInfo,
                rootRotationInProgress, defaultAddrPool, subnetSize, dataPathPort);
    }
}
