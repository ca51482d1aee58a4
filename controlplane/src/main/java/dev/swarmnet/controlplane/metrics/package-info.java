/**
 * Prometheus metrics of one node, read from the live sources when scraped.
 *
 * <p>Design note. Nothing here sits on a hot path: the data plane keeps its own primitive,
 * loop-owned counters ({@code dataplane.stats}), the routing mesh, Raft, dispatcher and agent
 * keep their own state, and a scrape ({@link dev.swarmnet.controlplane.metrics.NodeMetrics#scrape})
 * reads all of them once, through {@link dev.swarmnet.controlplane.metrics.MetricsSources}, and
 * renders a Micrometer {@code PrometheusMeterRegistry}. Meters are {@code FunctionCounter}s and
 * {@code Gauge}s over values the scrape just read; label sets that vanish (a port detached, a
 * backend gone, a worker without Raft, a node that left the swarm) are removed from the registry
 * ({@link dev.swarmnet.controlplane.metrics.MeterFamily}), so a missing source reports nothing
 * rather than stale numbers. Sums over members that come and go (network over ports, service
 * over backends) stay monotonic ({@link dev.swarmnet.controlplane.metrics.MonotonicSums}).
 * {@link dev.swarmnet.controlplane.metrics.MetricsServer} is the HTTP edge (JDK HTTP server,
 * {@code GET /metrics}, default 127.0.0.1:9323, set by {@code DaemonConfig.metricsListen}).
 *
 * <p>Threads: one scrape at a time (the server's single thread; {@code NodeMetrics} serializes).
 * The data-plane samples are taken on the data-plane loop (a task submitted to it), everything
 * else is read from thread-safe accessors.
 *
 * <h2>Metrics</h2>
 * <table>
 * <caption>What a scrape shows (counters end in {@code _total})</caption>
 * <tr><th>name</th><th>type</th><th>labels</th><th>what</th></tr>
 * <tr><td>swarmnet_dataplane_frames_total</td><td>counter</td><td>outcome</td><td>frames processed and their verdict (processed, forwarded_local, forwarded_remote, answered, dropped)</td></tr>
 * <tr><td>swarmnet_dataplane_drops_total</td><td>counter</td><td>reason</td><td>dropped frames by reason: every {@code drop_*} counter of {@code stats.Counter}, prefix removed</td></tr>
 * <tr><td>swarmnet_dataplane_answers_total</td><td>counter</td><td>kind</td><td>arp, echo, tcp_reset, fragmentation_needed answers</td></tr>
 * <tr><td>swarmnet_dataplane_vip_flows_total</td><td>counter</td><td></td><td>new VIP flows load-balanced</td></tr>
 * <tr><td>swarmnet_dataplane_vip_packets_total</td><td>counter</td><td>direction</td><td>packets NATed toward (original) or back from (reply) a backend</td></tr>
 * <tr><td>swarmnet_dataplane_tap_frames_total, _tap_bytes_total</td><td>counter</td><td>direction</td><td>TAP I/O (rx, tx)</td></tr>
 * <tr><td>swarmnet_dataplane_tap_superframes_total, _tap_rx_segments_total, _tap_tx_drops_total, _tap_errors_total</td><td>counter</td><td>direction (superframes)</td><td>offload and TAP errors</td></tr>
 * <tr><td>swarmnet_dataplane_underlay_datagrams_total, _underlay_bytes_total</td><td>counter</td><td>direction</td><td>VXLAN I/O</td></tr>
 * <tr><td>swarmnet_dataplane_underlay_tx_errors_total</td><td>counter</td><td></td><td>VXLAN send failures</td></tr>
 * <tr><td>swarmnet_dns_queries_total</td><td>counter</td><td>result</td><td>embedded DNS: answered, nxdomain, formerr, notimp, forwarded, refused</td></tr>
 * <tr><td>swarmnet_dns_upstream_replies_total</td><td>counter</td><td>outcome</td><td>forwarded queries: reply, timeout, error</td></tr>
 * <tr><td>swarmnet_dns_tcp_segments_total</td><td>counter</td><td>event</td><td>DNS over TCP: connection, partial (part of a query gathered), refused (RST)</td></tr>
 * <tr><td>swarmnet_conntrack_flows, swarmnet_conntrack_capacity</td><td>gauge</td><td></td><td>VIP flows tracked now, and at most</td></tr>
 * <tr><td>swarmnet_conntrack_inserted_total, _insert_failures_total, _evictions_total</td><td>counter</td><td></td><td>flows created, refused, evicted by idle timeout</td></tr>
 * <tr><td>swarmnet_port_frames_total, swarmnet_port_bytes_total</td><td>counter</td><td>port, task, network, direction</td><td>per data-plane port (task TAPs, the ingress endpoint)</td></tr>
 * <tr><td>swarmnet_network_frames_total, swarmnet_network_bytes_total</td><td>counter</td><td>network, direction</td><td>this node's ports on a network</td></tr>
 * <tr><td>swarmnet_backend_flows_total, swarmnet_backend_bytes_total</td><td>counter</td><td>service, backend</td><td>VIP flows and IP bytes (both directions) per backend address</td></tr>
 * <tr><td>swarmnet_service_flows_total, swarmnet_service_bytes_total</td><td>counter</td><td>service</td><td>the same per service</td></tr>
 * <tr><td>swarmnet_ingress_connections_active</td><td>gauge</td><td>port, protocol</td><td>routing-mesh connections (TCP) or flows (UDP) open now</td></tr>
 * <tr><td>swarmnet_ingress_connections_total</td><td>counter</td><td>port, protocol</td><td>routing-mesh connections or flows accepted</td></tr>
 * <tr><td>swarmnet_raft_leader, _term, _commit_index, _applied_index, _peers</td><td>gauge</td><td></td><td>this manager's Raft member (managers only)</td></tr>
 * <tr><td>swarmnet_heartbeat_lag_seconds</td><td>gauge</td><td>node, hostname</td><td>seconds since the leader heard each node (leader only)</td></tr>
 * <tr><td>swarmnet_node_tasks</td><td>gauge</td><td>state</td><td>this node's tasks by last reported state</td></tr>
 * <tr><td>swarmnet_cluster_tasks</td><td>gauge</td><td>desired_state, state</td><td>the cluster's tasks (managers only)</td></tr>
 * <tr><td>swarmnet_cluster_nodes</td><td>gauge</td><td>role, state</td><td>the cluster's nodes (managers only)</td></tr>
 * </table>
 */
package dev.swarmnet.controlplane.metrics;
