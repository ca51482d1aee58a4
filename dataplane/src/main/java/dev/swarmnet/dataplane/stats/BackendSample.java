package dev.swarmnet.dataplane.stats;

/**
 * One VIP backend's traffic through this node's load balancer, for a metrics scrape. Immutable.
 *
 * @param service the service's name in the program
 * @param vni     the network the VIP is on
 * @param address the backend's IPv4 address
 * @param flows   new flows sent to it so far
 * @param bytes   IP bytes to and from it so far (both directions of its flows)
 */
public record BackendSample(String service, int vni, int address, long flows, long bytes) {
}
