package dev.swarmnet.controlplane.ingress;

import dev.swarmnet.controlplane.agent.AssignedEndpoint;
import dev.swarmnet.controlplane.agent.AssignedService;
import dev.swarmnet.controlplane.agent.NodeAssignment;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.dataplane.lb.LbAlgorithm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The routing-mesh table of a node (a pure function of its {@link NodeAssignment}): per
 * published port ({@code publishMode=ingress}), the service behind it and its backends, the
 * service's tasks observed RUNNING with an address on the ingress network (draining when their
 * desired state is past RUNNING). Per-service labels:
 * <ul>
 *   <li>{@value #LB_LABEL}: {@code round-robin} (default), {@code least-conn}, {@code maglev};</li>
 *   <li>{@value #AFFINITY_LABEL}: client-IP affinity timeout ({@code 30s}, {@code 5m}, {@code 1h},
 *       {@code 500ms} or ISO-8601);</li>
 *   <li>{@value #IDLE_TIMEOUT_LABEL}: flow idle timeout, same syntax (TCP default
 *       15 minutes, UDP default 30 seconds);</li>
 *   <li>{@value #PROXY_PROTOCOL_LABEL}{@code =v2}: TCP flows start with a PROXY v2 header;</li>
 *   <li>{@value ListenRestriction#LABEL}{@code =CIDR[,CIDR...]}: listen only on the node's
 *       addresses inside these blocks ({@link ListenRestriction}).</li>
 * </ul>
 * Invalid label values fall back to the defaults, except a listen restriction's, which fails
 * closed (the port opens nowhere, and says why). Two services claiming one port (the state
 * refuses that; this only guards) — the service with the smaller id keeps it.
 */
public final class MeshRoutes {
    /** Service label choosing the load-balancing algorithm (same as the VIP's). */
    public static final String LB_LABEL = "swarmnet.lb";
    /** Service label giving the client-affinity timeout (same as the VIP's). */
    public static final String AFFINITY_LABEL = "swarmnet.lb.affinity";
    /** Service label giving the idle timeout of its published flows. */
    public static final String IDLE_TIMEOUT_LABEL = "swarmnet.ingress.idle-timeout";
    /** Service label enabling the PROXY protocol ({@code v2}). */
    public static final String PROXY_PROTOCOL_LABEL = "swarmnet.proxy-protocol";
    /** Idle timeout of a TCP flow without a label. */
    public static final Duration TCP_IDLE = Duration.ofMinutes(15);
    /** Idle timeout of a UDP flow without a label. */
    public static final Duration UDP_IDLE = Duration.ofSeconds(30);

    private MeshRoutes() {
    }

    /** The routes of {@code assignment}'s node, by published port. */
    public static SortedMap<MeshPort, MeshRoute> of(NodeAssignment assignment) {
        Objects.requireNonNull(assignment, "assignment");
        String ingress = null;
        for (Network network : assignment.networks().values()) {
            if (network.spec().ingress()) {
                ingress = network.id();
                break;
            }
        }
        TreeMap<MeshPort, MeshRoute> routes = new TreeMap<>();
        if (ingress == null) {
            return routes;
        }
        for (AssignedService service : assignment.services().values()) {
            for (PortConfig config : service.ports()) {
                if (!PortConfig.INGRESS.equals(config.publishMode()) || config.publishedPort() < 1
                        || config.publishedPort() > 65535 || config.targetPort() < 1 || config.targetPort() > 65535) {
                    continue;
                }
                MeshPort port;
                try {
                    port = new MeshPort(config.protocol(), config.publishedPort());
                } catch (IllegalArgumentException e) {
                    continue; // sctp or garbage: not carried by the mesh
                }
                if (routes.containsKey(port)) {
                    continue;
                }
                routes.put(port, route(assignment, service, port, config.targetPort(), ingress));
            }
        }
        return routes;
    }

    private static MeshRoute route(NodeAssignment assignment, AssignedService service, MeshPort port, int target,
                                   String ingress) {
        List<MeshBackend> backends = new ArrayList<>();
        for (AssignedEndpoint endpoint : assignment.endpoints().values()) {
            if (!endpoint.serviceId().equals(service.id()) || endpoint.state() != TaskState.RUNNING) {
                continue;
            }
            for (NetworkAttachment attachment : endpoint.attachments()) {
                String ip = ip(attachment.address());
                if (attachment.networkId().equals(ingress) && ip != null) {
                    backends.add(new MeshBackend(endpoint.taskId(), ip, target,
                            endpoint.desiredState().compareTo(TaskState.RUNNING) > 0));
                }
            }
        }
        var labels = service.labels();
        int algorithm = LbAlgorithm.ROUND_ROBIN;
        String lb = labels.get(LB_LABEL);
        if (lb != null) {
            try {
                algorithm = LbAlgorithm.parse(lb);
            } catch (IllegalArgumentException e) {
                algorithm = LbAlgorithm.ROUND_ROBIN;
            }
        }
        long affinity = duration(labels.get(AFFINITY_LABEL)).toNanos();
        Duration idle = duration(labels.get(IDLE_TIMEOUT_LABEL));
        if (idle.isZero()) {
            idle = port.udp() ? UDP_IDLE : TCP_IDLE;
        }
        boolean proxy = "v2".equalsIgnoreCase(String.valueOf(labels.get(PROXY_PROTOCOL_LABEL)).strip());
        return new MeshRoute(service.id(), service.name(), port, algorithm, affinity, proxy, idle, backends,
                ListenRestriction.ofLabel(labels.get(ListenRestriction.LABEL)));
    }

    private static String ip(String cidr) {
        if (cidr == null || cidr.isEmpty()) {
            return null;
        }
        int slash = cidr.indexOf('/');
        String ip = slash < 0 ? cidr : cidr.substring(0, slash);
        return ip.indexOf('.') > 0 ? ip : null;
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms} or ISO-8601; zero when absent, invalid or negative. */
    static Duration duration(String label) {
        return dev.swarmnet.controlplane.agent.LabelDuration.parse(label);
    }
}
