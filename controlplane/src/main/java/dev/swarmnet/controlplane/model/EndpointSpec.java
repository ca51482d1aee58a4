package dev.swarmnet.controlplane.model;

import java.util.List;

/**
 * How a service is reached (Docker's {@code EndpointSpec}).
 *
 * @param mode  {@code vip} (one virtual IP per network, load-balanced; the default) or {@code dnsrr}
 *              (DNS answers with the task IPs; no VIP, no routing mesh)
 * @param ports published ports
 */
public record EndpointSpec(String mode, List<PortConfig> ports) {
    public static final String VIP = "vip";
    public static final String DNSRR = "dnsrr";

    public EndpointSpec {
        mode = mode == null || mode.isEmpty() ? VIP : mode;
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public static EndpointSpec vip() {
        return new EndpointSpec(VIP, List.of());
    }
}
