package dev.swarmnet.controlplane.api.model;

/** A network a service's tasks attach to (Go {@code swarm.NetworkAttachmentConfig}); {@code Target} is its ID. */
public record NetworkAttachmentConfig(String target) {
}
