package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The swarm's settings (Go {@code swarm.Spec}); {@code docker swarm join-token --rotate} sends the whole spec back. */
public record SwarmSpec(
        String name,
        Map<String, String> labels,
        OrchestrationConfig orchestration,
        RaftConfig raft,
        DispatcherConfig dispatcher,
        @JsonProperty("CAConfig") CaConfig caConfig,
        TaskDefaults taskDefaults,
        EncryptionConfig encryptionConfig) {
}
