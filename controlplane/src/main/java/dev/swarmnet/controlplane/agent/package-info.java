/**
 * The agent's pure cores: what a node must know and what its data plane must do.
 *
 * <p>Design note. Managers replicate one {@code ClusterState}; a node needs only its slice of
 * it. {@link dev.swarmnet.controlplane.agent.AssignmentView#of} cuts that slice
 * ({@link dev.swarmnet.controlplane.agent.NodeAssignment}: the node's tasks, the networks they
 * use plus ingress, every endpoint and service on those networks), keyed by id so that
 * {@link dev.swarmnet.controlplane.agent.AssignmentChange#between} is a map diff and
 * {@link dev.swarmnet.controlplane.agent.NodeAssignment#apply} replays it exactly. The cluster
 * port streams these changes (a full one first, then deltas; see the {@code cluster} package's
 * {@code AssignmentWatcher}), so an agent never polls the whole state and a manager never sends
 * a node what it cannot see. Any manager can serve the stream from its local replica: the slice
 * is a pure function of a state, and a lagging follower only delays, never reorders, what a node
 * sees.
 *
 * <p>{@link dev.swarmnet.controlplane.agent.ProgramPlanner} compiles an assignment and the local
 * TAP port ids into the data plane's {@code Program}: local and remote endpoints, and per VIP an
 * any-port TCP and UDP service whose backends keep the destination port (Docker's VIP forwards
 * every port). Running tasks are active backends, running tasks being stopped are draining,
 * others are absent. Every node's own ingress address appears as an endpoint without a service
 * ({@code AssignmentView.nodeEndpointId}), so the routing mesh of any node reaches any task and
 * the replies find their way back. {@link dev.swarmnet.controlplane.agent.DnsPlanner} adds each
 * network's DNS table (service names, {@code tasks.}, task names, PTR; running tasks only; node
 * endpoints have no name). Everything here is a value or a pure function: no threads, no I/O.
 */
package dev.swarmnet.controlplane.agent;
