/**
 * The cluster port (TCP 2377): how nodes join and how agents talk to the managers.
 *
 * <p>Design note. One port serves two kinds of connection, as Docker's does. A <b>joiner</b>
 * has no certificate: it connects with {@code TlsContexts.bootstrapClient(token)}, which trusts
 * the manager only if the CA it presents is the one the token pins, and then sends the token's
 * secret, a CSR for a key it keeps, and its description ({@code join}). A <b>member</b>
 * presents its node certificate (mutual TLS); the manager takes its node id and role from that
 * verified certificate ({@code CertifiedNode}) and never from the message, so a worker can
 * heartbeat but cannot change anything else, and a manager may ask to join the Raft group
 * ({@code raft-add-me}) and for the CA private key ({@code ca-key}: only a caller whose
 * certificate and store entry both say manager; the join reply never carries it), and any member
 * may ask for a new certificate ({@code certificate-request}) after a promotion or demotion: it
 * gets the role its store entry has, which each heartbeat ack also names. The server
 * asks for a client certificate without requiring it ({@code TlsContexts.clusterPortServer});
 * one that does not chain to the cluster CA fails the handshake, and a connection without one
 * may only join.
 *
 * <p>Messages ({@link dev.swarmnet.controlplane.cluster.ClusterMessage}) are JSON objects
 * with a {@code type}, each behind a 4-byte length (at most 1 MiB,
 * {@link dev.swarmnet.controlplane.cluster.ClusterMessageCodec}); each request gets one reply.
 * Only the Raft leader answers requests that write (all three do); a follower answers with a
 * {@code redirect} naming the leader's cluster-port address, and the client follows it once.
 * Bad input (malformed JSON, an unknown type, an oversized frame) gets an {@code error} and the
 * connection is closed; the server logs why and goes on serving.
 *
 * <p>Layers: {@link dev.swarmnet.controlplane.cluster.ClusterPortService} decides (no Netty),
 * {@link dev.swarmnet.controlplane.cluster.ClusterPortHandler} is the thin Netty handler, and
 * {@link dev.swarmnet.controlplane.cluster.ClusterPortServer} owns the threads. The daemon
 * supplies a {@link dev.swarmnet.controlplane.cluster.ClusterPortBackend}. On the agent side,
 * {@link dev.swarmnet.controlplane.cluster.ClusterPortClient} makes one connection per request
 * and {@link dev.swarmnet.controlplane.cluster.HeartbeatLoop} heartbeats, moving round robin to
 * the next manager when one fails.
 */
package dev.swarmnet.controlplane.cluster;
