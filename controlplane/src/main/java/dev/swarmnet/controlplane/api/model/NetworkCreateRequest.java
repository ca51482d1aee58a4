package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The body of {@code POST /networks/create} (Go {@code network.CreateRequest}). The CLI always
 * sends every field, mostly empty: {@code {"Driver":"overlay","Scope":"","IPAM":{"Driver":"default",
 * "Options":{},"Config":[]},"Internal":false,...,"ConfigFrom":null,"Options":{},"Labels":{},"Name":"x"}}.
 *
 * @param enableIpv4 {@code null} when not sent (IPv4 on)
 * @param configFrom kept as JSON: swarmnet refuses any non-empty value
 */
public record NetworkCreateRequest(
        String name,
        String driver,
        String scope,
        @JsonProperty("EnableIPv4") Boolean enableIpv4,
        @JsonProperty("EnableIPv6") Boolean enableIpv6,
        @JsonProperty("IPAM") Ipam ipam,
        boolean internal,
        boolean attachable,
        boolean ingress,
        boolean configOnly,
        JsonNode configFrom,
        Map<String, String> options,
        Map<String, String> labels) {
}
