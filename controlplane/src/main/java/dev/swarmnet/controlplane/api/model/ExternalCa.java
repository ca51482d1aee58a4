package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An external certificate authority ({@code CAConfig.ExternalCAs[]}); swarmnet refuses them, the shape lets
 * it say so.
 */
public record ExternalCa(
        String protocol,
        @JsonProperty("URL") String url,
        java.util.Map<String, String> options,
        @JsonProperty("CACert") String caCert) {
}
