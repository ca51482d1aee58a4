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
 * {@link dev.swarmnet.controlplane.cluster.ClusterMessageCodec}); each request gets one reply,
 * except {@code watch-assignments}, which gets a stream.
 * Only the Raft leader answers requests that write (join, raft-add-me, certificate, ca-key,
 * heartbeat, report-task-status); a follower answers with a
 * {@code redirect} naming the leader's cluster-port address, and the client follows it once.
 * Bad input (malformed JSON, an unknown type, an oversized frame) gets an {@code error} and the
 * connection is closed; the server logs why and goes on serving.
 *
 * <p><b>Assignments and task status.</b> A member that sends {@code watch-assignments} gets a
 * stream on that connection: a full {@code assignments} message (its node's
 * {@code agent.NodeAssignment}), then one {@code assignments} delta each time the local state
 * changes in a way that node can see. The node is the certificate's; a request naming another
 * node is refused (403), as is a node this manager's replica does not know (404). Any manager
 * serves streams from its own replica (no redirect): the view is a pure function of a state, and
 * a lagging follower only delays. Streams do not queue: at most one message is in flight per
 * connection, and when it has been written the next one is the diff to the latest state
 * ({@code AssignmentStream}); an empty delta every 20 s keeps the connection known to be alive,
 * which replaces the idle timeout for that connection. The server learns of new states from
 * {@link dev.swarmnet.controlplane.cluster.ClusterPortBackend#watchState} or, for a backend that
 * cannot push, by polling {@code currentState()} every 100 ms ({@code AssignmentFeed}). The agent's
 * {@link dev.swarmnet.controlplane.cluster.AssignmentWatcher} keeps one such connection, moving
 * round robin through the managers with backoff, and starts from a full message after every
 * reconnect. {@code report-task-status} carries a node's task statuses; like the other writes
 * only the leader answers, and it proposes them as {@code ReportTaskStatus} for the
 * certificate's node id (the state ignores reports about other nodes' tasks);
 * {@link dev.swarmnet.controlplane.cluster.TaskStatusReporter} batches them, latest per task.
 *
 * <p><b>Task logs.</b> Every node answers {@code task-logs} on its cluster-port address
 * ({@code Node.advertiseAddr}): a manager on its usual server, a worker on a logs-only server
 * ({@link dev.swarmnet.controlplane.cluster.ClusterPortServer#startLogsOnly}) that answers every
 * other request with 404 "this node is a worker: it serves only task logs". Only a caller whose
 * certificate says manager (of this cluster) is answered; workers get 403, so no worker reads
 * another node's logs. The request names tasks, a tail and whether to follow; the reply is a
 * stream of {@code log-lines} batches (each line's bytes in base64 and the time the node read
 * it; at most 1000 lines and about 256 KiB per batch, so a frame stays under 1 MiB), then a
 * {@code log-end} and a close when not following; a follower is served until it closes the
 * connection, with an empty batch every 20 s as a keepalive. Tasks without a log file are
 * skipped (when following, looked for again). The files are read on one {@code task-logs}
 * thread, never on the event loop, and as {@code AssignmentStream} does, one batch at a time:
 * the next is read only when the last was written and the channel is writable, so a slow
 * reader slows the file reading and nothing queues on the server
 * ({@link dev.swarmnet.controlplane.cluster.TaskLogStream}). The manager's
 * {@link dev.swarmnet.controlplane.cluster.TaskLogClient} opens one connection per node, verifies
 * the server as the node it expects (every node certificate carries its node id as a DNS name,
 * so {@code TlsContexts.client} needs no new mode), and merges the streams into one
 * {@code api.LogStream}: per node in order, across nodes as batches arrive, through a queue
 * drained by one delivery thread per stream (the API's sink may block); above 4096 waiting
 * lines the connections stop reading until it drains. A node that cannot be reached, refuses or
 * fails is logged and skipped; the stream ends when every node has ended.
 *
 * <p><b>Data-plane views.</b> Every node also answers {@code data-plane-view} (managers on their
 * server, workers on the logs-only one), again only to managers of the cluster: one
 * {@code data-plane-view-reply} carrying what its data plane holds for the VIPs
 * ({@code inspect.DataPlaneView}: backends by task, their states and flows), computed on the
 * {@code cluster-port-work} thread, or 404 when the node runs no data plane. The manager's
 * {@link dev.swarmnet.controlplane.cluster.DataPlaneViewClient} asks every node at once (the server
 * verified as the node expected, as for logs) and waits at most its timeout (5 s): a node that
 * cannot be reached, is silent or refuses becomes an entry with the reason
 * ({@code node unreachable: ...}), so {@code network inspect --verbose} never hangs on a dead node.
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
