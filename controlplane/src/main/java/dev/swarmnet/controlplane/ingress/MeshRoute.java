package dev.swarmnet.controlplane.ingress;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where one published port leads: the service behind it, how flows are balanced and carried,
 * and its current backends. Immutable value; any thread.
 *
 * @param serviceId     the service
 * @param serviceName   its name (for logs)
 * @param port          the published port
 * @param algorithm     a {@code dev.swarmnet.dataplane} {@code LbAlgorithm} constant
 * @param affinityNanos client-IP affinity timeout, 0 for none
 * @param proxyV2       whether each TCP flow starts with a PROXY protocol v2 header ({@link ProxyProtocolV2}); UDP flows never carry one
 * @param idleTimeout   how long a flow may stay silent before it is ended (TCP: with a RST)
 * @param backends      running tasks (active or draining) with an ingress address
 * @param listen        which of the node's addresses the port listens on ({@link ListenRestriction#LABEL})
 */
public record MeshRoute(String serviceId, String serviceName, MeshPort port, int algorithm, long affinityNanos,
                        boolean proxyV2, Duration idleTimeout, List<MeshBackend> backends, ListenRestriction listen) {
    public MeshRoute {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive: " + idleTimeout);
        }
        backends = backends == null ? List.of() : List.copyOf(backends);
    }

    /** A route that listens wherever the node does. */
    public MeshRoute(String serviceId, String serviceName, MeshPort port, int algorithm, long affinityNanos,
                     boolean proxyV2, Duration idleTimeout, List<MeshBackend> backends) {
        this(serviceId, serviceName, port, algorithm, affinityNanos, proxyV2, idleTimeout, backends,
                ListenRestriction.ANYWHERE);
    }
}
