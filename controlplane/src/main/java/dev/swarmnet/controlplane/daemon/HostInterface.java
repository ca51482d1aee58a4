package dev.swarmnet.controlplane.daemon;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One network interface of this host as the advertise-address choice sees it: its name, whether
 * it is up, and its addresses in the kernel's order. Immutable.
 */
public record HostInterface(String name, boolean up, List<InetAddress> addresses) {
    public HostInterface {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
    }
}
