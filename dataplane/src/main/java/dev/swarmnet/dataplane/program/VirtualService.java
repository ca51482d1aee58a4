package dev.swarmnet.dataplane.program;

import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.wire.Ipv4;
import java.util.List;

/**
 * A VIP port: new flows to {@code vip:port/protocol} on network {@code vni} are balanced over
 * {@code backends} with {@code algorithm}. A service with several published ports is several of
 * these. Port {@link #ANY_PORT} (0) serves every destination port of the protocol that no
 * exact-port entry of the same VIP serves, as Docker's VIP forwards all ports; its backends
 * usually have port {@link Backend#SAME_PORT} so the destination port is kept.
 *
 * @param name display name (the service's)
 * @param affinityTimeoutNs 0 for no client-IP affinity; otherwise how long a client keeps its backend
 */
public record VirtualService(String name, int vni, int vip, int protocol, int port, int algorithm,
                             long affinityTimeoutNs, List<Backend> backends) {
    /** The port of an entry that serves every destination port. */
    public static final int ANY_PORT = 0;

    public VirtualService {
        if (protocol != Ipv4.PROTO_TCP && protocol != Ipv4.PROTO_UDP) {
            throw new IllegalArgumentException("service " + name + ": protocol " + protocol + " is neither TCP nor UDP");
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("service " + name + ": port " + port
                    + " is outside 1..65535 (or 0 for any port)");
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
