package dev.swarmnet.controlplane.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What the allocator gave a service (Go {@code swarm.Endpoint}): ports with their published numbers and VIPs. */
public record Endpoint(EndpointSpec spec, List<PortConfig> ports,
                       @JsonProperty("VirtualIPs") List<VirtualIp> virtualIps) {

    /** One VIP (Go {@code swarm.EndpointVirtualIP}), e.g. {@code 10.0.1.2/24}. */
    public record VirtualIp(@JsonProperty("NetworkID") String networkId, String addr) {
    }
}
