package dev.swarmnet.controlplane.api.model;

/** A node's health (`Status`): `State`, an optional `Message`, and the address it was seen at. */
public record NodeStatus(NodeState state, String message, String addr) {
}
