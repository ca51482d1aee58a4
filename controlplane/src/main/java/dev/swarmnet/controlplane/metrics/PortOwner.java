package dev.swarmnet.controlplane.metrics;

/**
 * Who a local data-plane port belongs to, for the labels of its traffic. Immutable.
 *
 * @param port    the data-plane port id
 * @param task    the task id, or the node's endpoint id for its ingress TAP
 * @param network the network's name (its id when the name is unknown)
 */
public record PortOwner(int port, String task, String network) {
}
