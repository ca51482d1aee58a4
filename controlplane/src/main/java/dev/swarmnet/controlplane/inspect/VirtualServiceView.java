package dev.swarmnet.controlplane.inspect;

import java.util.List;
import java.util.Objects;

/**
 * One virtual service of a node's data plane: new flows of {@code protocol} to
 * {@code vip:port} on a network are balanced over {@code backends}. Immutable.
 *
 * @param serviceId          the service ("" when the assignment does not name the VIP's service)
 * @param serviceName        its name, as the program carries it
 * @param networkId          the VIP's network ("" when unknown)
 * @param networkName        its name
 * @param vip                the virtual IPv4 address ({@code 10.0.1.2})
 * @param protocol           {@code tcp} or {@code udp}
 * @param port               the VIP port, 0 for every port (Docker's VIP forwards all ports)
 * @param algorithm          {@code round-robin}, {@code least-conn} or {@code maglev}
 * @param affinityMillis     client-IP affinity, 0 for none
 * @param backends           in the program's order
 */
public record VirtualServiceView(String serviceId, String serviceName, String networkId, String networkName,
                                 String vip, String protocol, int port, String algorithm, long affinityMillis,
                                 List<BackendView> backends) {
    public VirtualServiceView {
        serviceId = serviceId == null ? "" : serviceId;
        Objects.requireNonNull(serviceName, "serviceName");
        networkId = networkId == null ? "" : networkId;
        networkName = networkName == null ? "" : networkName;
        Objects.requireNonNull(vip, "vip");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(algorithm, "algorithm");
        backends = backends == null ? List.of() : List.copyOf(backends);
    }
}
