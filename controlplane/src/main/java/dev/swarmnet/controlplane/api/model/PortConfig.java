package dev.swarmnet.controlplane.api.model;

/**
 * A published port (Go {@code swarm.PortConfig}). {@code publishedPort} is {@code null} in a spec
 * when the server is to pick one (30000–32767).
 */
public record PortConfig(String name, String protocol, int targetPort, Integer publishedPort, String publishMode) {
}
