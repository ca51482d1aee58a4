package dev.swarmnet.controlplane.model;

import java.util.Objects;

/**
 * Liveness of a node, written by the dispatcher (Docker's {@code Status}).
 *
 * @param state   unknown, down, ready or disconnected
 * @param message why, e.g. "heartbeat failure"; empty when there is nothing to say
 */
public record NodeStatus(NodeState state, String message) {
    public NodeStatus {
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
    }
}
