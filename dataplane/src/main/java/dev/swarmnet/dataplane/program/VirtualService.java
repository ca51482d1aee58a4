package dev.swarmnet.dataplane.program;

import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.wire.Ipv4;
import java.util.List;

/**
 * A VIP port: new flows to {@code vip:port/protocol} on network {@code vni} are balanced over
 * {@code backends} with {@code algorithm}. A service with several published ports is several of
 * these.
 *
 * @param name display name (the service's)
 * @param affinityTimeoutNs 0 for no client-IP affinity; otherwise how long a client keeps its backend
 */
public record VirtualService(String name, int vni, int vip, int protocol, int port, int algorithm,
                             long affinityTimeoutNs, List<Backend> backends) {
    public VirtualService {
        if (protocol != Ipv4.PROTO_TCP && protocol != Ipv4.PROTO_UDP) {
            throw new IllegalArgumentException("service " + name + ": protocol " + protocol + " is neither TCP nor UDP");
        }
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("service " + name + ": port " + port + " is outside 1..65535");
        }
        if (algorithm != LbAlgorithm.ROUND_ROBIN && algorithm != LbAlgorithm.LEAST_CONNECTIONS
                && algorithm != LbAlgorithm.MAGLEV) {
            throw new IllegalArgumentException("service " + name + ": unknown algorithm " + algorithm);
        }
        if (affinityTimeoutNs < 0) {
            throw new IllegalArgumentException("service " + name + ": negative affinity timeout");
        }
        backends = List.copyOf(backends);
    }

    public static VirtualService tcp(String name, int vni, int vip, int port, int algorithm, List<Backend> backends) {
        return new VirtualService(name, vni, vip, Ipv4.PROTO_TCP, port, algorithm, 0, backends);
    }

    public static VirtualService udp(String name, int vni, int vip, int port, int algorithm, List<Backend> backends) {
        return new VirtualService(name, vni, vip, Ipv4.PROTO_UDP, port, algorithm, 0, backends);
    }
}
