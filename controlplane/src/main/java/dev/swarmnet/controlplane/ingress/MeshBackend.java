package dev.swarmnet.controlplane.ingress;

import java.util.Objects;

/**
 * One task a published port can carry a flow to: its ingress address and the service's target
 * port. Immutable value; any thread.
 *
 * @param taskId   the task
 * @param address  its IPv4 address on the ingress network ({@code 10.0.0.5}, no prefix)
 * @param port     the target port inside the task
 * @param draining whether it is being stopped: it keeps its established flows but gets no new ones
 */
public record MeshBackend(String taskId, String address, int port, boolean draining) {
    public MeshBackend {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("backend port out of range 1-65535: " + port);
        }
    }
}
