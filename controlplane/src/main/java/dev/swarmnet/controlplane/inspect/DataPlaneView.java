package dev.swarmnet.controlplane.inspect;

import java.util.List;
import java.util.Objects;

/**
 * What one node's data plane holds for the VIPs at one moment ({@link DataPlaneViews#of}).
 * Immutable; travels as JSON on the cluster port.
 *
 * @param nodeId            the node
 * @param generation        the program's generation (the Raft index of the assignment it was planned from)
 * @param publishedAtMillis when the program was handed to the data plane (wall clock), 0 if never
 * @param flowsCounted      whether the backends' flow counts were read (else they are -1)
 * @param services          its virtual services, in the program's order
 * @param publishedPorts    the routing mesh's published ports on this node, open or blocked
 */
public record DataPlaneView(String nodeId, long generation, long publishedAtMillis, boolean flowsCounted,
                            List<VirtualServiceView> services, List<PublishedPortView> publishedPorts) {
    public DataPlaneView {
        Objects.requireNonNull(nodeId, "nodeId");
        services = services == null ? List.of() : List.copyOf(services);
        publishedPorts = publishedPorts == null ? List.of() : List.copyOf(publishedPorts);
    }

    /** A view without published ports. */
    public DataPlaneView(String nodeId, long generation, long publishedAtMillis, boolean flowsCounted,
                         List<VirtualServiceView> services) {
        this(nodeId, generation, publishedAtMillis, flowsCounted, services, List.of());
    }

    /** This view with the routing mesh's published ports of this node. */
    public DataPlaneView withPublishedPorts(List<PublishedPortView> ports) {
        return new DataPlaneView(nodeId, generation, publishedAtMillis, flowsCounted, services, ports);
    }

    /** The published ports that route to service {@code serviceId}. */
    public List<PublishedPortView> publishedPortsOf(String serviceId) {
        return publishedPorts.stream().filter(p -> p.serviceId().equals(serviceId)).toList();
    }

    /** The virtual services of VIPs on network {@code networkId}. */
    public List<VirtualServiceView> onNetwork(String networkId) {
        return services.stream().filter(s -> s.networkId().equals(networkId)).toList();
    }

    /** The virtual services of service {@code serviceId}. */
    public List<VirtualServiceView> ofService(String serviceId) {
        return services.stream().filter(s -> s.serviceId().equals(serviceId)).toList();
    }
}
