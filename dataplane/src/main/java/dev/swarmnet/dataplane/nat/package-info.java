/**
 * VIP NAT: choosing a backend for a new flow and rewriting packets between a VIP and the
 * backend that serves the flow.
 *
 * <p>Design note. Load balancing is east-west and happens on the client's node, like IPVS in
 * Docker's per-container namespace: the first packet toward {@code VIP:port} creates a
 * connection-tracking entry whose reply key is (backend → client), the destination is rewritten
 * to the backend (address, port and MAC), and replies, which come back through the same node
 * because the client lives here, are rewritten so that the client only ever sees the VIP.
 * Checksums are updated incrementally (RFC 1624): an address change folds into the IPv4 header
 * checksum and into the TCP/UDP pseudo-header; a zero UDP checksum stays zero.
 *
 * <p>{@link dev.swarmnet.dataplane.nat.BackendChooser} holds the loop's mutable balancing state
 * (round-robin cursors, per-backend flow counts, client affinity); the immutable parts (backend
 * arrays, Maglev rings) come precomputed in the program.
 */
package dev.swarmnet.dataplane.nat;
