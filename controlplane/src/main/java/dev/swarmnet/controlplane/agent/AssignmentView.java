package dev.swarmnet.controlplane.agent;

import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.VirtualIp;
import dev.swarmnet.controlplane.state.ClusterState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The part of a cluster state one node sees (a pure function): see {@link NodeAssignment}.
 * <ul>
 *   <li>tasks: every task whose node is this node, whatever its state;</li>
 *   <li>networks: those the node's tasks are attached to, plus the ingress network;</li>
 *   <li>endpoints: every task anywhere with an attachment on those networks that is not finished
 *       or is still meant to run ({@code !status.terminal() || desired ≤ RUNNING}), with only the
 *       attachments on those networks and its node's underlay address; and, when there is an
 *       ingress network, every node's own ingress address as an endpoint with id
 *       {@link #nodeEndpointId} (no service), so that routing-mesh flows reach every node;</li>
 *   <li>services: every service with a VIP on those networks, a task template attached to
 *       them, or an endpoint on them (dnsrr services have no VIP).</li>
 * </ul>
 */
public final class AssignmentView {
    private AssignmentView() {
    }

    /** What node {@code nodeId} sees of {@code state}. */
    public static NodeAssignment of(ClusterState state, String nodeId) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nodeId, "nodeId");
        TreeMap<String, Task> tasks = new TreeMap<>();
        Set<String> served = new TreeSet<>();
        for (Task task : state.tasks().values()) {
            if (task.nodeId().equals(nodeId)) {
                tasks.put(task.id(), task);
                for (NetworkAttachment attachment : task.networks()) {
                    served.add(attachment.networkId());
                }
            }
        }
        Network ingress = ingressNetwork(state);
        if (ingress != null) {
            served.add(ingress.id());
        }
        TreeMap<String, Network> networks = new TreeMap<>();
        for (String id : served) {
            Network network = state.networks().get(id);
            if (network != null) {
                networks.put(id, network);
            }
        }
        TreeMap<String, AssignedEndpoint> endpoints = new TreeMap<>();
        for (Task task : state.tasks().values()) {
            if (task.status().state().terminal() && task.desiredState().compareTo(TaskState.RUNNING) > 0) {
                continue;
            }
            List<NetworkAttachment> here = new ArrayList<>();
            for (NetworkAttachment attachment : task.networks()) {
                if (networks.containsKey(attachment.networkId())) {
                    here.add(attachment);
                }
            }
            if (!here.isEmpty()) {
                String underlay = state.node(task.nodeId()).map(Node::statusAddr).orElse("");
                endpoints.put(task.id(), new AssignedEndpoint(task.id(), task.serviceId(), task.serviceName(),
                        task.slot(), task.nodeId(), underlay, here, task.status().state(), task.desiredState()));
            }
        }
        if (ingress != null) {
            for (Node node : state.nodes().values()) {
                String address = node.attachmentOn(ingress.id()).orElse(null);
                if (address != null) {
                    String id = nodeEndpointId(node.id());
                    endpoints.put(id, new AssignedEndpoint(id, "", "", 0, node.id(), node.statusAddr(),
                            List.of(new NetworkAttachment(ingress.id(), address)), TaskState.RUNNING, TaskState.RUNNING));
                }
            }
        }
        java.util.Map<String, Set<String>> endpointNetworks = new java.util.HashMap<>();
        for (AssignedEndpoint endpoint : endpoints.values()) {
            Set<String> on = endpointNetworks.computeIfAbsent(endpoint.serviceId(), id -> new TreeSet<>());
            endpoint.attachments().forEach(attachment -> on.add(attachment.networkId()));
        }
        TreeMap<String, AssignedService> services = new TreeMap<>();
        for (Service service : state.services().values()) {
            List<VirtualIp> vips = new ArrayList<>();
            Set<String> on = new LinkedHashSet<>();
            for (VirtualIp vip : service.endpoint().virtualIps()) {
                if (networks.containsKey(vip.networkId())) {
                    vips.add(vip);
                    on.add(vip.networkId());
                }
            }
            for (String network : service.spec().taskTemplate().networks()) {
                if (networks.containsKey(network)) {
                    on.add(network);
                }
            }
            on.addAll(endpointNetworks.getOrDefault(service.id(), Set.of()));
            if (on.isEmpty()) {
                continue;
            }
            services.put(service.id(), new AssignedService(service.id(), service.name(),
                    service.endpoint().spec().mode(), vips, new ArrayList<>(new TreeSet<>(on)),
                    service.endpoint().ports(), service.spec().labels()));
        }
        return new NodeAssignment(nodeId, state.appliedIndex(), tasks, networks, endpoints, services);
    }

    /**
     * The endpoint id under which node {@code nodeId}'s own ingress address (its routing-mesh
     * endpoint, {@code Node.attachments}) appears among the endpoints: never a task id (those
     * are 25 characters without a dash). Its service id and name are empty. On its own node the
     * data-plane port is found under {@code nodeEndpointId(nodeId) + "/" + ingressNetworkId}.
     */
    public static String nodeEndpointId(String nodeId) {
        return "node-" + nodeId;
    }

    /** Whether {@code endpointId} is a node's routing-mesh endpoint rather than a task. */
    public static boolean isNodeEndpoint(String endpointId) {
        return endpointId.startsWith("node-");
    }

    /**
     * The ingress network: the one whose spec says ingress (a private stand-in until the state
     * offers its own lookup), or null.
     */
    private static Network ingressNetwork(ClusterState state) {
        for (Network network : state.networks().values()) {
            if (network.spec().ingress()) {
                return network;
            }
        }
        return null;
    }
}
