package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code GET /info} (Go {@code system.Info}), limited to what swarmnet knows; absent fields print as
 * zero.
 */
public record SystemInfo(
        @JsonProperty("ID") String id,
        String name,
        String serverVersion,
        @JsonProperty("OSType") String osType,
        String operatingSystem,
        String architecture,
        String kernelVersion,
        @JsonProperty("NCPU") int ncpu,
        long memTotal,
        SwarmInfo swarm) {
}
