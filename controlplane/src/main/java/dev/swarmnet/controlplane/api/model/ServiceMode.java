package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Replicated with a count, or global (Go {@code swarm.ServiceMode}); exactly one is set. Jobs are
 * kept as JSON only so that they can be refused by name.
 */
public record ServiceMode(Replicated replicated, Global global, JsonNode replicatedJob, JsonNode globalJob) {

    /** {@code {"Replicated":{"Replicas":N}}}. */
    public static ServiceMode replicated(long replicas) {
        return new ServiceMode(new Replicated(replicas), null, null, null);
    }

    /** {@code {"Global":{}}}. */
    public static ServiceMode globalMode() {
        return new ServiceMode(null, new Global(), null, null);
    }

    /** Go {@code swarm.ReplicatedService}; {@code replicas} is {@code null} when the CLI leaves it out. */
    public record Replicated(Long replicas) {
    }

    /** Go {@code swarm.GlobalService}: always {@code {}}. */
    public record Global() {
    }
}
