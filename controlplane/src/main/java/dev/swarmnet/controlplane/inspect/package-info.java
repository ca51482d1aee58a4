/**
 * What each node's data plane holds for the VIPs, as the user can look at it: the answer to
 * "which backends does node X balance service Y over right now, and in which state?" (Docker's
 * stale-backend questions, swarm-facts.md pains 2 and 12).
 *
 * <p>Design note. A node's data plane knows only addresses: its {@code Program} holds, per VIP,
 * an any-port TCP and UDP virtual service whose backends are overlay IPv4 addresses with a state
 * (active, draining, down). {@link dev.swarmnet.controlplane.inspect.DataPlaneViews#of} names them
 * with the {@code NodeAssignment} the program was planned from (service id and name, network,
 * task id and name, the task's node) and adds the flows the connection table holds per backend,
 * giving an immutable {@link dev.swarmnet.controlplane.inspect.DataPlaneView}. The mapping is pure:
 * a backend the assignment cannot name still appears, with its address and an empty task id, so
 * a program that disagrees with the assignment shows as such instead of hiding.
 *
 * <p>A manager asks every node for its view over the cluster port ({@code data-plane-view}, see
 * the {@code cluster} package) and merges the answers into a
 * {@link dev.swarmnet.controlplane.inspect.ClusterDataPlane}: one
 * {@link dev.swarmnet.controlplane.inspect.NodeDataPlane} per node, either its view or why there is
 * none ({@code "node unreachable: ..."}). The API renders it for {@code network inspect --verbose}
 * and {@code service inspect?backends=true}. Everything here is a value or a pure function; any
 * thread.
 */
package dev.swarmnet.controlplane.inspect;
