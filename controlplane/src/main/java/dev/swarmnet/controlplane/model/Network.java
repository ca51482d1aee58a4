package dev.swarmnet.controlplane.model;

import java.util.Objects;

/**
 * An overlay network and what the allocator gave it (Docker's {@code Network} with its IPAM
 * config and the overlay driver's VNI option).
 *
 * @param id              25-character ID
 * @param version         Raft index of the last change
 * @param createdAtMillis when it was created (from the log entry)
 * @param updatedAtMillis when it last changed
 * @param spec            what was asked for
 * @param vni             the VXLAN network identifier (4096 and up)
 * @param subnet          the allocated IPv4 CIDR, e.g. {@code 10.0.1.0/24}
 * @param gateway         the gateway address (no prefix), e.g. {@code 10.0.1.1}: the data plane answers ARP and DNS on it
 * @param mtu             the MTU inside the overlay (1450 unless {@code --opt mtu=N})
 * @param lastAddress     the last address handed out on this subnet (allocation is serial, like
 *                        libnetwork's, so a freed address is not reused while a free one lies ahead)
 */
public record Network(String id, Version version, long createdAtMillis, long updatedAtMillis, NetworkSpec spec,
                      int vni, String subnet, String gateway, int mtu, String lastAddress) {
    public static final int DEFAULT_MTU = 1450;

    public Network {
        Ids.requireValid(id);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(gateway, "gateway");
        lastAddress = lastAddress == null ? "" : lastAddress;
    }

    /** Its name ({@code spec.name}). */
    public String name() {
        return spec.name();
    }
}
