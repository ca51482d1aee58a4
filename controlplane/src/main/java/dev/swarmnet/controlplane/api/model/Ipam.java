package dev.swarmnet.controlplane.api.model;

import java.util.List;
import java.util.Map;

/** A network's address management (Go {@code network.IPAM}); swarmnet has only the {@code default} driver. */
public record Ipam(String driver, Map<String, String> options, List<IpamConfig> config) {
}
