package dev.swarmnet.controlplane.model;

import java.util.List;
import java.util.Objects;

/**
 * What the allocator gave a service (Docker's {@code Service.Endpoint}).
 *
 * @param spec       the endpoint spec it was allocated for
 * @param ports      the published ports, each with its published port filled in
 * @param virtualIps one VIP per network in {@code vip} mode (the ingress network included when
 *                   ports are published in ingress mode); none in {@code dnsrr} mode
 */
public record ServiceEndpoint(EndpointSpec spec, List<PortConfig> ports, List<VirtualIp> virtualIps) {
    public ServiceEndpoint {
        Objects.requireNonNull(spec, "spec");
        ports = ports == null ? List.of() : List.copyOf(ports);
        virtualIps = virtualIps == null ? List.of() : List.copyOf(virtualIps);
    }
}
