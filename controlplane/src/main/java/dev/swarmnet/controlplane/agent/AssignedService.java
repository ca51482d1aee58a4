package dev.swarmnet.controlplane.agent;

import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.SortedMaps;
import dev.swarmnet.controlplane.model.VirtualIp;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service that answers on a network a node serves: its VIPs there (vip mode) or just its
 * name (dnsrr), its published ports (routing mesh) and labels ({@code swarmnet.lb...}). Immutable.
 *
 * @param id           the service
 * @param name         its name (DNS)
 * @param endpointMode {@code vip} or {@code dnsrr}
 * @param virtualIps   its VIPs on the networks the node serves ({@code 10.0.1.2/24})
 * @param networkIds   the networks the node serves that the service is on (VIP or task template)
 * @param ports        its published ports
 * @param labels       its labels
 */
public record AssignedService(String id, String name, String endpointMode, List<VirtualIp> virtualIps,
                              List<String> networkIds, List<PortConfig> ports, Map<String, String> labels) {
    public AssignedService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        endpointMode = endpointMode == null || endpointMode.isEmpty() ? "vip" : endpointMode;
        virtualIps = virtualIps == null ? List.of() : List.copyOf(virtualIps);
        networkIds = networkIds == null ? List.of() : List.copyOf(networkIds);
        ports = ports == null ? List.of() : List.copyOf(ports);
        labels = SortedMaps.copyOf(labels);
    }
}
