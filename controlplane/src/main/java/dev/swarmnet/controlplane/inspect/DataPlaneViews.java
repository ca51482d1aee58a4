package dev.swarmnet.controlplane.inspect;

import dev.swarmnet.controlplane.agent.AssignedEndpoint;
import dev.swarmnet.controlplane.agent.AssignedService;
import dev.swarmnet.controlplane.agent.NodeAssignment;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.VirtualIp;
import dev.swarmnet.dataplane.conntrack.BackendFlowCounts;
import dev.swarmnet.dataplane.lb.BackendState;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ServiceEntry;
import dev.swarmnet.dataplane.wire.Ipv4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Names what a program holds (pure): each of its virtual services and backends, by address,
 * with the service, network and task of the {@link NodeAssignment} it was planned from, and the
 * flows the connection table holds per backend. See the package note.
 */
public final class DataPlaneViews {
    private DataPlaneViews() {
    }

    /**
     * The view of {@code program}, planned from {@code assignment} and published at
     * {@code publishedAtMillis}.
     *
     * @param flows the flows per backend ({@code DataPlane.backendFlows()}), or null when they
     *              could not be read (the backends' counts are then -1)
     */
    public static DataPlaneView of(NodeAssignment assignment, Program program, long publishedAtMillis,
                                   BackendFlowCounts flows) {
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(program, "program");
        Map<Integer, Network> networks = new HashMap<>();
        for (Network network : assignment.networks().values()) {
            networks.putIfAbsent(network.vni(), network);
        }
        Map<String, AssignedService> services = new HashMap<>();
        for (AssignedService service : assignment.services().values()) {
            for (VirtualIp vip : service.virtualIps()) {
                services.putIfAbsent(vip.networkId() + "/" + bare(vip.address()), service);
            }
        }
        Map<String, AssignedEndpoint> endpoints = new HashMap<>();
        for (AssignedEndpoint endpoint : assignment.endpoints().values()) {
            for (NetworkAttachment attachment : endpoint.attachments()) {
                endpoints.putIfAbsent(attachment.networkId() + "/" + bare(attachment.address()), endpoint);
            }
        }
        List<VirtualServiceView> views = new ArrayList<>();
        for (ServiceEntry entry : program.services()) {
            Network network = networks.get(entry.vni);
            String networkId = network == null ? "" : network.id();
            String vip = Ipv4.format(entry.vip);
            AssignedService service = services.get(networkId + "/" + vip);
            List<BackendView> backends = new ArrayList<>(entry.backendCount());
            for (int i = 0; i < entry.backendCount(); i++) {
                int address = entry.backendAddresses[i];
                AssignedEndpoint endpoint = endpoints.get(networkId + "/" + Ipv4.format(address));
                int active = flows == null ? -1 : flows.active(entry.vni, entry.protocol, entry.vip, address);
                int closing = flows == null ? -1 : flows.closing(entry.vni, entry.protocol, entry.vip, address);
                backends.add(new BackendView(
                        endpoint == null ? "" : endpoint.taskId(),
                        endpoint == null ? "" : taskName(endpoint),
                        Ipv4.format(address),
                        endpoint == null ? "" : endpoint.nodeId(),
                        endpoint == null ? "" : endpoint.underlayAddr(),
                        BackendState.name(entry.states[i]), active, closing));
            }
            views.add(new VirtualServiceView(service == null ? "" : service.id(), entry.name, networkId,
                    network == null ? "" : network.spec().name(), vip, protocol(entry.protocol), entry.port,
                    LbAlgorithm.name(entry.algorithm), entry.affinityTimeoutNs / 1_000_000, backends));
        }
        return new DataPlaneView(assignment.nodeId(), program.generation(), publishedAtMillis, flows != null, views);
    }

    /**
     * Docker's name of a task: {@code service.slot.taskId} for a replicated service,
     * {@code service.nodeId.taskId} for a global one (slot 0).
     */
    static String taskName(AssignedEndpoint endpoint) {
        if (endpoint.serviceName().isEmpty()) {
            return "";
        }
        String middle = endpoint.slot() > 0 ? Integer.toString(endpoint.slot()) : endpoint.nodeId();
        return endpoint.serviceName() + "." + middle + "." + endpoint.taskId();
    }

    private static String protocol(int protocol) {
        return protocol == Ipv4.PROTO_TCP ? "tcp" : protocol == Ipv4.PROTO_UDP ? "udp" : Integer.toString(protocol);
    }

    /** {@code 10.0.1.5/24} without its prefix length. */
    private static String bare(String address) {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
