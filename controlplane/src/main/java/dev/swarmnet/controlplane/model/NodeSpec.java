package dev.swarmnet.controlplane.model;

import java.util.Map;
import java.util.Objects;

/**
 * What an operator sets on a node (Docker's {@code NodeSpec}): optional name, labels, role and
 * availability. {@code node update} sends the whole spec back.
 *
 * @param name         Docker's {@code Spec.Name}; empty when unset (the hostname is shown instead)
 * @param labels       operator labels for placement constraints ({@code node.labels.*}), sorted by key
 * @param role         worker or manager
 * @param availability active, pause or drain
 */
public record NodeSpec(String name, Map<String, String> labels, NodeRole role, NodeAvailability availability) {
    public NodeSpec {
        name = name == null ? "" : name;
        labels = SortedMaps.copyOf(labels);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(availability, "availability");
    }

    /** A spec with no name and no labels. */
    public static NodeSpec of(NodeRole role, NodeAvailability availability) {
        return new NodeSpec("", Map.of(), role, availability);
    }

    public NodeSpec withRole(NodeRole newRole) {
        return new NodeSpec(name, labels, newRole, availability);
    }

    public NodeSpec withAvailability(NodeAvailability newAvailability) {
        return new NodeSpec(name, labels, role, newAvailability);
    }

    public NodeSpec withLabels(Map<String, String> newLabels) {
        return new NodeSpec(name, newLabels, role, availability);
    }
}
