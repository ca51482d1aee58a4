package dev.swarmnet.controlplane.api.model;

import java.util.List;

/** Where tasks may run (Go {@code swarm.Placement}): constraints such as {@code node.role==manager}. */
public record Placement(List<String> constraints) {
}
