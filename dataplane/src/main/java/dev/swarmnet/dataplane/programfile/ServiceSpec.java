package dev.swarmnet.dataplane.programfile;

import java.util.List;

/**
 * One entry of {@code services:}: a VIP on a network, its published ports and its backends.
 * Compiles to one {@link dev.swarmnet.dataplane.program.VirtualService} per port.
 *
 * @param network the name of a {@link NetworkSpec} of the same file
 * @param algorithm a {@link dev.swarmnet.dataplane.lb.LbAlgorithm} constant
 * @param affinityTimeoutNs 0 for no client affinity
 * @param path where the entry is, e.g. {@code services[0]}
 * @param line the line the entry starts on
 */
public record ServiceSpec(String name, String network, int vip, int algorithm, long affinityTimeoutNs,
                          List<Port> ports, List<BackendSpec> backends, String path, int line) {

    public ServiceSpec {
        ports = List.copyOf(ports);
        backends = List.copyOf(backends);
    }

    /**
     * One published port: flows to {@code vip:port} go to {@code backend:target}.
     *
     * @param protocol {@link dev.swarmnet.dataplane.wire.Ipv4#PROTO_TCP} or {@code PROTO_UDP}
     */
    public record Port(int port, int target, int protocol, int line) {
    }
}
