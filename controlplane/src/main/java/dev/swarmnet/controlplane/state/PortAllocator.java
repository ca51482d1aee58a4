package dev.swarmnet.controlplane.state;

import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assigns routing-mesh ports: a port published in {@code ingress} mode is unique per protocol
 * across the cluster; one asked for without a number gets the lowest free one of 30000–32767.
 * Ports published in {@code host} mode are the node's business and pass through unchanged.
 * Pure: the ports in use are read from the other services in the state.
 */
final class PortAllocator {
    static final int FIRST_DYNAMIC = 30_000;
    static final int LAST_DYNAMIC = 32_767;

    /** "tcp/8080" → the service holding it. */
    private final Map<String, Service> taken = new TreeMap<>();

    /** Ports held by every service but {@code exceptServiceId} (the one being updated, or {@code null}). */
    PortAllocator(ClusterState at, String exceptServiceId) {
        for (Service service : at.services().values()) {
            if (service.id().equals(exceptServiceId)) {
                continue;
            }
            for (PortConfig port : service.endpoint().ports()) {
                if (isMesh(port) && port.publishedPort() != 0) {
                    taken.putIfAbsent(key(port.protocol(), port.publishedPort()), service);
                }
            }
        }
    }

    static boolean isMesh(PortConfig port) {
        return PortConfig.INGRESS.equals(port.publishMode());
    }

    /**
     * The endpoint ports for {@code requested}: explicit ones checked against the other services,
     * dynamic ones ({@code publishedPort} 0) given the port {@code previous} held for the same
     * protocol, target and mode if any, else the lowest free one.
     */
    Result<List<PortConfig>> allocate(List<PortConfig> requested, List<PortConfig> previous) {
        for (PortConfig port : requested) {
            if (isMesh(port) && port.publishedPort() != 0) {
                Service holder = taken.get(key(port.protocol(), port.publishedPort()));
                if (holder != null) {
                    return StateErrors.invalid("port '" + port.publishedPort() + "' is already in use by service '"
                            + holder.name() + "' (" + holder.id() + ") as an ingress port");
                }
            }
        }
        Map<String, Service> claimed = new TreeMap<>(taken);
        for (PortConfig port : requested) {
            if (isMesh(port) && port.publishedPort() != 0) {
                claimed.put(key(port.protocol(), port.publishedPort()), null);
            }
        }
        List<PortConfig> reusable = new ArrayList<>(previous);
        List<PortConfig> result = new ArrayList<>();
        for (PortConfig port : requested) {
            if (!isMesh(port) || port.publishedPort() != 0) {
                result.add(port);
                continue;
            }
            int chosen = reuse(port, reusable, claimed);
            if (chosen == 0) {
                chosen = lowestFree(port.protocol(), claimed);
            }
            if (chosen == 0) {
                return StateErrors.invalid("could not allocate a published port for target port " + port.targetPort()
                        + "/" + port.protocol() + ": no port left in " + FIRST_DYNAMIC + "-" + LAST_DYNAMIC);
            }
            claimed.put(key(port.protocol(), chosen), null);
            result.add(port.withPublishedPort(chosen));
        }
        return Result.ok(List.copyOf(result));
    }

    private static int reuse(PortConfig port, List<PortConfig> reusable, Map<String, Service> claimed) {
        for (int i = 0; i < reusable.size(); i++) {
            PortConfig old = reusable.get(i);
            if (isMesh(old) && old.protocol().equals(port.protocol()) && old.targetPort() == port.targetPort()
                    && old.publishedPort() >= FIRST_DYNAMIC && old.publishedPort() <= LAST_DYNAMIC
                    && !claimed.containsKey(key(old.protocol(), old.publishedPort()))) {
                reusable.remove(i);
                return old.publishedPort();
            }
        }
        return 0;
    }

    private static int lowestFree(String protocol, Map<String, Service> claimed) {
        for (int candidate = FIRST_DYNAMIC; candidate <= LAST_DYNAMIC; candidate++) {
            if (!claimed.containsKey(key(protocol, candidate))) {
                return candidate;
            }
        }
        return 0;
    }

    private static String key(String protocol, int port) {
        return protocol + "/" + port;
    }
}
