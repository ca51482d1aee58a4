package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * A network as {@code GET /networks} returns it (Go {@code network.Inspect}, docker-api.md §3.4).
 * {@code network inspect} prints this JSON verbatim, so the fields come in Docker's order and
 * {@code Containers}, {@code Options} and {@code Labels} are always present.
 */
public record Network(
        String name,
        @JsonProperty("Id") String id,
        Instant created,
        String scope,
        String driver,
        @JsonProperty("EnableIPv4") boolean enableIpv4,
        @JsonProperty("EnableIPv6") boolean enableIpv6,
        @JsonProperty("IPAM") Ipam ipam,
        boolean internal,
        boolean attachable,
        boolean ingress,
        ConfigReference configFrom,
        boolean configOnly,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Object> containers,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> options,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> labels) {

    /** Go {@code network.ConfigReference}: the config-only network this one copies; always empty here. */
    public record ConfigReference(@JsonInclude(JsonInclude.Include.ALWAYS) String network) {
    }
}
