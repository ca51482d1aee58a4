package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.agent.AssignedService;
import dev.swarmnet.controlplane.agent.LabelDuration;
import dev.swarmnet.controlplane.agent.NodeAssignment;
import dev.swarmnet.controlplane.ingress.MeshPort;
import dev.swarmnet.controlplane.ingress.MeshRoute;
import dev.swarmnet.controlplane.ingress.MeshRoutes;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The routing-mesh table of an assignment with the configured defaults ({@code loadBalancer.algorithm},
 * {@code ingress.tcpIdleTimeout}, {@code ingress.udpIdleTimeout}) in place of
 * {@link MeshRoutes}' built-in ones, for services whose labels do not set them (or set them to
 * something unreadable, which {@code MeshRoutes} also reads as unset). Pure.
 */
final class MeshDefaults {
    private MeshDefaults() {
    }

    static SortedMap<MeshPort, MeshRoute> routes(NodeAssignment assignment, LiveSettings.Values defaults) {
        SortedMap<MeshPort, MeshRoute> routes = new TreeMap<>();
        for (Map.Entry<MeshPort, MeshRoute> entry : MeshRoutes.of(assignment).entrySet()) {
            MeshRoute route = entry.getValue();
            AssignedService service = assignment.services().get(route.serviceId());
            Map<String, String> labels = service == null ? Map.of() : service.labels();
            int algorithm = readable(labels.get(MeshRoutes.LB_LABEL)) ? route.algorithm() : defaults.lbAlgorithm();
            Duration idle = LabelDuration.parse(labels.get(MeshRoutes.IDLE_TIMEOUT_LABEL)).isZero()
                    ? (route.port().udp() ? defaults.udpIdleTimeout() : defaults.tcpIdleTimeout())
                    : route.idleTimeout();
            routes.put(entry.getKey(), new MeshRoute(route.serviceId(), route.serviceName(), route.port(), algorithm,
                    route.affinityNanos(), route.proxyV2(), idle, route.backends(), route.listen()));
        }
        return routes;
    }

    private static boolean readable(String lbLabel) {
        if (lbLabel == null) {
            return false;
        }
        try {
            LbAlgorithm.parse(lbLabel);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
