package dev.swarmnet.controlplane.api.model;

/** A node's health ({@code Status}): {@code State}, an optional {@code Message}, and the address it was seen at. */
public record NodeStatus(NodeState state, String message, String addr) {
}
