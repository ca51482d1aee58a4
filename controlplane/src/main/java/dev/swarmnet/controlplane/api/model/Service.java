package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A service as {@code GET /services} returns it (Go {@code swarm.Service}, docker-api.md §3.5).
 *
 * @param previousSpec  the spec before the last update, {@code null} if none
 * @param updateStatus  the last update's progress, {@code null} if none
 * @param serviceStatus task counts, only when the list was asked with {@code status=true}
 */
public record Service(
        @JsonProperty("ID") String id,
        Version version,
        Instant createdAt,
        Instant updatedAt,
        ServiceSpec spec,
        ServiceSpec previousSpec,
        Endpoint endpoint,
        UpdateStatus updateStatus,
        ServiceStatus serviceStatus) {

    /** This service with task counts, for {@code GET /services?status=true}. */
    public Service withStatus(ServiceStatus status) {
        return new Service(id, version, createdAt, updatedAt, spec, previousSpec, endpoint, updateStatus, status);
    }
}
