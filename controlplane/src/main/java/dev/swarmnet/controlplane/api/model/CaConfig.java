package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Certificate settings of the swarm spec; {@code nodeCertExpiry} is in nanoseconds. */
public record CaConfig(
        Long nodeCertExpiry,
        @JsonProperty("ExternalCAs") List<ExternalCa> externalCas,
        @JsonProperty("SigningCACert") String signingCaCert,
        @JsonProperty("SigningCAKey") String signingCaKey,
        Long forceRotate) {
}
