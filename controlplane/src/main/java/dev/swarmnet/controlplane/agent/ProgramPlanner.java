package dev.swarmnet.controlplane.agent;

import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.VirtualIp;
import dev.swarmnet.dataplane.lb.BackendState;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.program.Backend;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.VirtualService;
import dev.swarmnet.dataplane.wire.Ipv4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a {@link NodeAssignment} into the data-plane {@link Program} of its node (pure):
 * <ul>
 *   <li>one data-plane network per assigned network (subnet, gateway, VNI, MTU);</li>
 *   <li>an endpoint per task attachment: {@link Endpoint#local} on this node's port for it,
 *       {@link Endpoint#remote} through the task's node's underlay IPv4 elsewhere. Skipped: a
 *       local task without a port yet, a remote one whose node has no IPv4 underlay address,
 *       an attachment without an address or outside its subnet, one whose address or local port
 *       is already used (gateway, an earlier endpoint);</li>
 *   <li>per vip-mode service and VIP on a served network, an any-port TCP and an any-port UDP
 *       virtual service whose backends keep the destination port, as Docker's VIP forwards every
 *       port: its tasks on that network observed RUNNING are active if still desired RUNNING,
 *       draining if being stopped; tasks not running are left out. Algorithm from the label
 *       {@value #LB_LABEL} ({@code round-robin|least-conn|maglev}, else the default), client
 *       affinity from {@value #AFFINITY_LABEL} ({@code 30s}, {@code 5m}, {@code 1h},
 *       {@code 500ms} or an ISO-8601 duration; absent or invalid: none).</li>
 * </ul>
 * Each network also gets the names its tasks resolve ({@link DnsPlanner}).
 * The local port of a task is found under {@code taskId + "/" + networkId}, else under
 * {@code taskId} when the task has a single attachment. The program's generation is the
 * assignment's applied index.
 */
public final class ProgramPlanner {
    /** Service label choosing the load-balancing algorithm. */
    public static final String LB_LABEL = "swarmnet.lb";
    /** Service label giving the client-affinity timeout. */
    public static final String AFFINITY_LABEL = "swarmnet.lb.affinity";

    private ProgramPlanner() {
    }

    /**
     * The program for {@code assignment}'s node.
     *
     * @param localPorts       data-plane port ids of this node's task TAPs (see the class comment)
     * @param defaultAlgorithm {@link LbAlgorithm} for services without a valid {@value #LB_LABEL}
     */
    public static Program plan(NodeAssignment assignment, Map<String, Integer> localPorts, int defaultAlgorithm) {
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(localPorts, "localPorts");
        Program.Builder program = Program.builder().generation(assignment.appliedIndex());
        Map<String, Integer> vniByNetwork = new HashMap<>();
        Map<Integer, Network> byVni = new HashMap<>();
        Set<Integer> portsUsed = new HashSet<>();
        Set<Long> used = new HashSet<>();
        for (dev.swarmnet.controlplane.model.Network network : assignment.networks().values()) {
            Network planned = network(network);
            if (planned != null) {
                program.network(planned);
                vniByNetwork.put(network.id(), planned.vni());
                byVni.put(planned.vni(), planned);
                used.add((long) planned.vni() << 32 | (planned.gateway() & 0xffff_ffffL));
            }
        }
        Set<String> reachable = new HashSet<>();
        for (AssignedEndpoint endpoint : assignment.endpoints().values()) {
            for (NetworkAttachment attachment : endpoint.attachments()) {
                Integer vni = vniByNetwork.get(attachment.networkId());
                int address = address(attachment.address());
                if (vni == null || address == 0 || !byVni.get(vni).contains(address)
                        || !used.add((long) vni << 32 | (address & 0xffff_ffffL))) {
                    continue;
                }
                Endpoint planned = endpoint(assignment.nodeId(), endpoint, attachment, vni, address, localPorts);
                if (planned == null || (planned.isLocal() && !portsUsed.add(planned.port()))) {
                    used.remove((long) vni << 32 | (address & 0xffff_ffffL));
                    continue;
                }
                program.endpoint(planned);
                reachable.add(endpoint.taskId() + "/" + attachment.networkId());
            }
        }
        for (AssignedService service : assignment.services().values()) {
            if (!EndpointSpec.VIP.equals(service.endpointMode())) {
                continue;
            }
            int algorithm = algorithm(service.labels().get(LB_LABEL), defaultAlgorithm);
            long affinity = affinityNanos(service.labels().get(AFFINITY_LABEL));
            for (VirtualIp vip : service.virtualIps()) {
                Integer vni = vniByNetwork.get(vip.networkId());
                int address = address(vip.address());
                if (vni == null || address == 0 || !byVni.get(vni).contains(address)
                        || !used.add((long) vni << 32 | (address & 0xffff_ffffL))) {
                    continue; // not served, no address, or the address is taken (an endpoint, another VIP)
                }
                List<Backend> backends = backends(assignment, service.id(), vip.networkId(), reachable);
                program.service(new VirtualService(service.name(), vni, address, Ipv4.PROTO_TCP,
                        VirtualService.ANY_PORT, algorithm, affinity, backends));
                program.service(new VirtualService(service.name(), vni, address, Ipv4.PROTO_UDP,
                        VirtualService.ANY_PORT, algorithm, affinity, backends));
            }
        }
        vniByNetwork.forEach((networkId, vni) -> program.dns(vni, DnsPlanner.table(assignment, networkId)));
        return program.build();
    }

    private static Network network(dev.swarmnet.controlplane.model.Network network) {
        String subnet = network.subnet();
        int slash = subnet.indexOf('/');
        if (slash < 0 || network.vni() < 1) {
            return null;
        }
        int prefix = Integer.parseInt(subnet.substring(slash + 1));
        int base = Ipv4.parse(subnet.substring(0, slash));
        int gateway = network.gateway().isEmpty() ? base + 1 : address(network.gateway());
        int mtu = network.mtu() < 576 || network.mtu() > 9000 ? Network.DEFAULT_MTU : network.mtu();
        return new Network(network.name(), network.vni(), base, prefix, gateway, mtu);
    }

    private static Endpoint endpoint(String nodeId, AssignedEndpoint endpoint, NetworkAttachment attachment, int vni,
                                     int address, Map<String, Integer> localPorts) {
        long mac = Endpoint.macFor(address);
        if (endpoint.nodeId().equals(nodeId)) {
            Integer port = localPorts.get(endpoint.taskId() + "/" + attachment.networkId());
            if (port == null && endpoint.attachments().size() == 1) {
                port = localPorts.get(endpoint.taskId());
            }
            return port == null ? null : Endpoint.local(vni, address, mac, port);
        }
        int node = address(endpoint.underlayAddr());
        return node == 0 ? null : Endpoint.remote(vni, address, mac, node);
    }

    private static List<Backend> backends(NodeAssignment assignment, String serviceId, String networkId,
                                          Set<String> reachable) {
        List<Backend> backends = new ArrayList<>();
        for (AssignedEndpoint endpoint : assignment.endpoints().values()) {
            if (!endpoint.serviceId().equals(serviceId) || endpoint.state() != TaskState.RUNNING
                    || !reachable.contains(endpoint.taskId() + "/" + networkId)) {
                continue;
            }
            for (NetworkAttachment attachment : endpoint.attachments()) {
                if (attachment.networkId().equals(networkId)) {
                    int state = endpoint.desiredState().compareTo(TaskState.RUNNING) > 0
                            ? BackendState.DRAINING : BackendState.ACTIVE;
                    backends.add(new Backend(address(attachment.address()), Backend.SAME_PORT, 1, state));
                }
            }
        }
        return backends;
    }

    /** The IPv4 address of {@code text} ({@code a.b.c.d} or {@code a.b.c.d/n}), or 0 if it is none. */
    static int address(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int slash = text.indexOf('/');
        String ip = slash < 0 ? text : text.substring(0, slash);
        if (ip.indexOf(':') >= 0) {
            return 0;
        }
        try {
            return Ipv4.parse(ip);
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    static int algorithm(String label, int defaultAlgorithm) {
        if (label == null) {
            return defaultAlgorithm;
        }
        try {
            return LbAlgorithm.parse(label);
        } catch (IllegalArgumentException e) {
            return defaultAlgorithm;
        }
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms} or ISO-8601 as nanoseconds; 0 when absent or invalid. */
    static long affinityNanos(String label) {
        return LabelDuration.parse(label).toNanos();
    }
}
