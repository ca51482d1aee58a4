package dev.swarmnet.controlplane.model;

import java.util.Objects;

/**
 * A service's virtual IP on one network (Docker's {@code Endpoint.VirtualIPs[]}).
 *
 * @param networkId the network
 * @param address   the VIP with the network's prefix, e.g. {@code 10.0.1.2/24}
 */
public record VirtualIp(String networkId, String address) {
    public VirtualIp {
        Objects.requireNonNull(networkId, "networkId");
        Objects.requireNonNull(address, "address");
    }
}
