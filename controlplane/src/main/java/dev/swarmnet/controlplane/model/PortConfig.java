package dev.swarmnet.controlplane.model;

import java.util.Objects;

/**
 * One published port of a service (Docker's {@code PortConfig}).
 *
 * @param name          optional name, empty when unset
 * @param protocol      {@code tcp} or {@code udp}
 * @param targetPort    the port inside the task
 * @param publishedPort the port every node opens (routing mesh); 0 in a spec means "allocate one from 30000–32767"
 * @param publishMode   {@code ingress} (routing mesh, the default) or {@code host}
 */
public record PortConfig(String name, String protocol, int targetPort, int publishedPort, String publishMode) {
    public static final String TCP = "tcp";
    public static final String UDP = "udp";
    public static final String INGRESS = "ingress";
    public static final String HOST = "host";

    public PortConfig {
        name = name == null ? "" : name;
        protocol = protocol == null || protocol.isEmpty() ? TCP : protocol;
        publishMode = publishMode == null || publishMode.isEmpty() ? INGRESS : publishMode;
    }

    public static PortConfig tcp(int publishedPort, int targetPort) {
        return new PortConfig("", TCP, targetPort, publishedPort, INGRESS);
    }

    /** This port with another published port (the allocator's answer). */
    public PortConfig withPublishedPort(int port) {
        return new PortConfig(name, protocol, targetPort, port, publishMode);
    }

    /** Whether {@code other} claims the same published port and protocol. */
    public boolean sameMeshPort(PortConfig other) {
        Objects.requireNonNull(other, "other");
        return publishedPort == other.publishedPort && protocol.equals(other.protocol);
    }
}
