package dev.swarmnet.controlplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.swarmnet.controlplane.inspect.BackendView;
import dev.swarmnet.controlplane.inspect.ClusterDataPlane;
import dev.swarmnet.controlplane.inspect.DataPlaneView;
import dev.swarmnet.controlplane.inspect.NodeDataPlane;
import dev.swarmnet.controlplane.inspect.VirtualServiceView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The nodes' data-plane views ({@link ClusterDataPlane}) as JSON: Docker's {@code Services} of
 * {@code network inspect --verbose} (from the answering node's own view, as Docker does), and
 * swarmnet's per-node backends under {@code Nodes} (networks) and {@code SwarmnetBackends}
 * (services). Pure; any thread.
 *
 * <p>Per node, keyed by hostname: {@code NodeID}, then either {@code Error}
 * ({@code "node unreachable: ..."}) or {@code ProgramGeneration} and {@code ProgramPublishedAt}
 * (which program the data plane holds), {@code FlowsCounted}, and per VIP its
 * {@code VirtualServices}: {@code Protocol}, {@code Port} ({@code "any"}: every port, as Docker's
 * VIP), {@code Algorithm}, {@code AffinityMillis} (when set) and {@code Backends} with
 * {@code TaskID}, {@code TaskName}, {@code Address}, {@code NodeID}, {@code HostIP},
 * {@code State} ({@code active}, {@code draining}, {@code down}), {@code ActiveFlows} and
 * {@code ClosingFlows} (TIME_WAIT/CLOSE; both absent when not counted). For a service, also its
 * {@code PublishedPorts} on the node: open, or blocked with the reason.
 */
public final class DataPlaneJson {

    private DataPlaneJson() {
    }

    /** Docker's {@code network.ServiceInfo}: a VIP and its tasks as one node sees them. */
    public record ServiceInfo(@JsonProperty("VIP") String vip, List<String> ports,
                              @JsonProperty("LocalLBIndex") int localLbIndex, List<TaskInfo> tasks) {
    }

    /** Docker's {@code network.Task}; {@code Info} carries {@code "Host IP"}, the task's node underlay address. */
    public record TaskInfo(String name, @JsonProperty("EndpointID") String endpointId,
                           @JsonProperty("EndpointIP") String endpointIp, Map<String, String> info) {
    }

    /** One node's entry: its view, or the error that stands for it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeBackends(@JsonProperty("NodeID") String nodeId, String error, Long programGeneration,
                               Instant programPublishedAt, Boolean flowsCounted, Map<String, VipBackends> services,
                               @JsonProperty("VirtualIPs") List<VipBackends> virtualIps,
                               List<PublishedPort> publishedPorts) {
    }

    /**
     * A published port of the service on one node: {@code 8080/tcp}, {@code open} with the
     * addresses it listens on, or {@code blocked} with the reason (the port is held by something
     * else on that host; the node keeps trying).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record PublishedPort(String port, String state, List<String> addresses, String error) {
    }

    /** A VIP on one node: the service and network it belongs to and its virtual services. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record VipBackends(@JsonProperty("ServiceID") String serviceId, String serviceName,
                              @JsonProperty("NetworkID") String networkId, String networkName,
                              @JsonProperty("VIP") String vip,
                              @JsonInclude(JsonInclude.Include.ALWAYS) List<VirtualService> virtualServices) {
    }

    /** One protocol (and port) of a VIP and its backends. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VirtualService(String protocol, String port, String algorithm, Long affinityMillis,
                                 List<Backend> backends) {
    }

    /** One backend of a virtual service as the node's data plane holds it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Backend(@JsonProperty("TaskID") String taskId, String taskName, String address,
                          @JsonProperty("NodeID") String nodeId, @JsonProperty("HostIP") String hostIp, String state,
                          Integer activeFlows, Integer closingFlows) {
    }

    /**
     * Docker's {@code Services} of a network: by service name, the VIP on {@code networkId} and
     * its tasks (backends) as the {@code local} view holds them; empty without a view.
     */
    public static Map<String, ServiceInfo> dockerServices(DataPlaneView local, String networkId) {
        Map<String, ServiceInfo> services = new TreeMap<>();
        if (local == null) {
            return services;
        }
        for (VirtualServiceView vs : local.onNetwork(networkId)) {
            ServiceInfo known = services.get(vs.serviceName());
            List<TaskInfo> tasks = known == null ? new ArrayList<>() : new ArrayList<>(known.tasks());
            for (BackendView backend : vs.backends()) {
                if (tasks.stream().noneMatch(t -> t.endpointIp().equals(backend.address()))) {
                    tasks.add(new TaskInfo(backend.taskName(), backend.taskId(), backend.address(),
                            Map.of("Host IP", backend.hostAddress())));
                }
            }
            services.put(vs.serviceName(), new ServiceInfo(vs.vip(), List.of(), 0, tasks));
        }
        return services;
    }

    /** swarmnet's {@code Nodes} of a network: per node, its VIPs on {@code networkId} by service name. */
    public static Map<String, NodeBackends> networkNodes(ClusterDataPlane planes, String networkId) {
        return perNode(planes, view -> {
            Map<String, VipBackends> services = new TreeMap<>();
            for (VipBackends vip : vips(view.onNetwork(networkId))) {
                services.put(vip.serviceName(), vip);
            }
            return new NodeBackends(view.nodeId(), null, view.generation(), publishedAt(view), view.flowsCounted(),
                    services, null, null);
        });
    }

    /** swarmnet's {@code SwarmnetBackends} of a service: per node, its VIPs of {@code serviceId}. */
    public static Map<String, NodeBackends> serviceNodes(ClusterDataPlane planes, String serviceId) {
        return perNode(planes, view -> new NodeBackends(view.nodeId(), null, view.generation(), publishedAt(view),
                view.flowsCounted(), null, vips(view.ofService(serviceId)),
                view.publishedPortsOf(serviceId).stream().map(p -> new PublishedPort(p.port() + "/" + p.protocol(),
                        p.state(), p.addresses(), p.error())).toList()));
    }

    private static Map<String, NodeBackends> perNode(ClusterDataPlane planes, Function<DataPlaneView, NodeBackends> ok) {
        Map<String, NodeBackends> nodes = new LinkedHashMap<>();
        for (NodeDataPlane node : planes.nodes()) {
            String key = nodes.containsKey(node.hostname()) ? node.hostname() + " (" + node.nodeId() + ")"
                    : node.hostname();
            nodes.put(key, node.view() == null
                    ? new NodeBackends(node.nodeId(), node.error(), null, null, null, null, null, null)
                    : ok.apply(node.view()));
        }
        return nodes;
    }

    /** The virtual services grouped by VIP (network and address), in the view's order. */
    private static List<VipBackends> vips(List<VirtualServiceView> services) {
        Map<String, List<VirtualServiceView>> byVip = new LinkedHashMap<>();
        for (VirtualServiceView vs : services) {
            byVip.computeIfAbsent(vs.networkId() + "/" + vs.vip(), k -> new ArrayList<>()).add(vs);
        }
        List<VipBackends> vips = new ArrayList<>();
        for (List<VirtualServiceView> same : byVip.values()) {
            VirtualServiceView first = same.get(0);
            vips.add(new VipBackends(first.serviceId(), first.serviceName(), first.networkId(), first.networkName(),
                    first.vip(), same.stream().map(DataPlaneJson::virtualService).toList()));
        }
        return vips;
    }

    private static VirtualService virtualService(VirtualServiceView vs) {
        return new VirtualService(vs.protocol(), vs.port() == 0 ? "any" : Integer.toString(vs.port()), vs.algorithm(),
                vs.affinityMillis() > 0 ? vs.affinityMillis() : null,
                vs.backends().stream().map(b -> new Backend(b.taskId(), b.taskName(), b.address(), b.nodeId(),
                        b.hostAddress(), b.state(), b.activeFlows() < 0 ? null : b.activeFlows(),
                        b.closingFlows() < 0 ? null : b.closingFlows())).toList());
    }

    private static Instant publishedAt(DataPlaneView view) {
        return view.publishedAtMillis() > 0 ? Instant.ofEpochMilli(view.publishedAtMillis()) : null;
    }
}
