package dev.swarmnet.controlplane.api.model;

/** One pool of a network (Go {@code network.IPAMConfig}): the subnet and its gateway. */
public record IpamConfig(String subnet, String gateway) {
}
