package dev.swarmnet.controlplane.model;

import java.util.Map;
import java.util.Objects;

/**
 * What {@code network create} asks for (Docker's {@code NetworkCreateRequest}, overlay only).
 *
 * @param name       unique among networks
 * @param labels     user labels, sorted by key
 * @param driver     always {@code overlay} once validated
 * @param attachable whether standalone tasks may attach (kept and shown; swarmnet runs only service tasks)
 * @param ingress    whether this is the routing-mesh network (exactly one: {@code ingress}, made at init)
 * @param subnet     the requested IPv4 CIDR, or empty to take the next free /24 of the pool
 * @param gateway    the requested gateway, or empty for the subnet's first address ({@code .1})
 * @param options    driver options; {@code mtu} is honoured, others are kept and shown
 */
public record NetworkSpec(String name, Map<String, String> labels, String driver, boolean attachable, boolean ingress,
                          String subnet, String gateway, Map<String, String> options) {
    public static final String OVERLAY = "overlay";

    public NetworkSpec {
        Objects.requireNonNull(name, "name");
        labels = SortedMaps.copyOf(labels);
        driver = driver == null || driver.isEmpty() ? OVERLAY : driver;
        subnet = subnet == null ? "" : subnet;
        gateway = gateway == null ? "" : gateway;
        options = SortedMaps.copyOf(options);
    }

    /** An overlay network with the pool's next subnet and no options. */
    public static NetworkSpec overlay(String name) {
        return new NetworkSpec(name, Map.of(), OVERLAY, false, false, "", "", Map.of());
    }
}
