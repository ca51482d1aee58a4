package dev.swarmnet.controlplane.inspect;

import java.util.List;
import java.util.Objects;

/**
 * One published port of the routing mesh as one node holds it: listening; restricted, because
 * the service's listen restriction allows no address of this node; or blocked because the port
 * could not be opened on this host (something else holds it), with the reason. Immutable;
 * travels as JSON on the cluster port inside a {@link DataPlaneView}.
 *
 * @param port        the published port
 * @param protocol    {@code tcp} or {@code udp}
 * @param serviceId   the service it routes to
 * @param serviceName that service's name
 * @param state       {@link #OPEN}, {@link #RESTRICTED} or {@link #BLOCKED}
 * @param addresses   where it listens ({@code IP:PORT}), empty when blocked
 * @param error       why it is not open, empty when open
 */
public record PublishedPortView(int port, String protocol, String serviceId, String serviceName, String state,
                                List<String> addresses, String error) {
    public static final String OPEN = "open";
    public static final String BLOCKED = "blocked";
    public static final String RESTRICTED = "restricted";

    public PublishedPortView {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(state, "state");
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        error = error == null ? "" : error;
    }
}
