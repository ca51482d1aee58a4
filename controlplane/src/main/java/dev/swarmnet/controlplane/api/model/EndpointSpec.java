package dev.swarmnet.controlplane.api.model;

import java.util.List;

/** How a service is reached (Go {@code swarm.EndpointSpec}): {@code vip} or {@code dnsrr}, and published ports. */
public record EndpointSpec(String mode, List<PortConfig> ports) {
}
