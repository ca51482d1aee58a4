package dev.swarmnet.controlplane.model;

import java.util.Objects;

/**
 * A task's address on one network (Docker's {@code NetworksAttachments[]}). The MAC is derived:
 * {@code 02:42:} followed by the four address bytes.
 *
 * @param networkId the network
 * @param address   the task's IP with the network's prefix, e.g. {@code 10.0.1.5/24}
 */
public record NetworkAttachment(String networkId, String address) {
    public NetworkAttachment {
        Objects.requireNonNull(networkId, "networkId");
        Objects.requireNonNull(address, "address");
    }
}
