/**
 * The replicated cluster state as a pure core: {@link dev.swarmnet.controlplane.state.ClusterState},
 * the {@link dev.swarmnet.controlplane.state.Command}s that change it, and
 * {@link dev.swarmnet.controlplane.state.StateCodec}, the JSON of snapshots and log entries.
 *
 * <p>Design note. The Raft state machine ({@code controlplane.raft}) is a thin shell, like the
 * Ratis examples and HashiCorp raft's {@code fsm.go}: it decodes each committed entry, calls
 * {@code state = state.apply(entry, index).state()}, completes the proposer's future with the
 * {@link dev.swarmnet.controlplane.state.Result}, and snapshots with
 * {@code codec.encodeState(state)}. Everything that decides anything lives here, with no Ratis,
 * no I/O and no threads, so it is tested with plain values.
 *
 * <p><b>Determinism.</b> Every replica applies the same entries in the same order and must reach
 * the same state. {@code apply} therefore reads no clock and draws no random numbers: IDs,
 * join tokens and the timestamp travel inside the entry ({@link
 * dev.swarmnet.controlplane.state.StampedCommand}); maps are sorted, so iteration and JSON order
 * are the same everywhere; case-insensitive matching uses {@code equalsIgnoreCase}, which does
 * not depend on the locale. A refused command is still "applied": the applied index advances and
 * nothing else changes, so every replica refuses it alike.
 *
 * <p><b>Allocation lives in apply.</b> Subnets ({@code SubnetAllocator}: the cluster's default
 * pools in blocks of its subnet size, ingress first at init), VNIs ({@code VniAllocator}: lowest
 * free from 4096), VIPs and task addresses ({@code AddressAllocator}: serial after each network's
 * {@code lastAddress} cursor, wrapping) and mesh ports ({@code PortAllocator}: explicit ones
 * unique per protocol, others the lowest free of 30000–32767) are decided by the commands that
 * need them ({@code network create}, {@code service create/update}, {@code WriteTasks}), not by
 * a separate reconciler as in swarmkit. Why: the decision is then replicated with the command,
 * so every manager holds the same allocation and a new leader inherits it with nothing to
 * rebuild; a service or task is never visible half-allocated; and a failure is the command's
 * answer (a service's VIP exhaustion refuses the create, naming the network) instead of an
 * object stuck in {@code new}. A task that cannot be addressed is still created, {@code rejected}
 * with an error naming the network, so the orchestrator sees it and nothing waits silently. The
 * only stored allocation state is the per-network cursor; which addresses and ports are in use is
 * derived from the services and tasks in the state, so removing a service or deleting a task
 * frees them with no bookkeeping that could drift. The cost is a scan of the state's services
 * and tasks per allocating command, which is small beside a Raft round trip. Nodes hold an
 * address on the ingress network too ({@code Node.attachments}, their routing-mesh endpoint):
 * given by {@code InitCluster} and {@code AddNode}, by creating an ingress network, and by
 * {@code MarkNodeState} to a node that lacks one; removing the node frees it, removing the
 * ingress network drops it ({@code NodeAttachments}).
 *
 * <p><b>Task life.</b> {@code WriteTasks} creates a task {@code pending} ("pending task
 * scheduling") without a node, or {@code assigned} ("scheduler assigned task to node") with a
 * known one; desired states and observed states only move forward in {@code TaskState} order,
 * and an agent's report counts only for tasks on its own node. {@code service rm} removes the
 * service at once and sets its tasks' desired state to {@code remove}; the reconcilers delete
 * them once their nodes have stopped them.
 *
 * <p><b>Threading.</b> {@code ClusterState} is immutable. The shell owns the single current
 * reference and calls {@code apply} from its one applier thread; it publishes each new state
 * through a volatile field, and readers (API server, reconcilers on the leader) work on whatever
 * snapshot they read, without locks. {@code StateCodec} is thread-safe.
 *
 * <p><b>Versions.</b> An object's {@code Version.Index} is the Raft index of the entry that last
 * changed it, as in swarmkit. Updates carry the version the client read; a different one is
 * refused with 409 "update out of sequence" (Docker sends the same text with HTTP 500). No-op
 * commands (same dispatcher state, same manager status) bump nothing.
 *
 * <p><b>Snapshots.</b> A snapshot holds the applied index, the cluster (with join tokens and CA
 * references, never private keys) and every object, in ID order:
 * {@code {"format":"swarmnet-state","version":2,...}}. Log entries are
 * {@code {"format":"swarmnet-command","version":2,"timestampMillis":T,"command":{"type":...}}}.
 * Version 2 added networks, services and tasks (and the commands that change them).
 * Decoding is strict and any change of shape bumps the version; a build refuses versions it does
 * not know rather than guessing. Mixed-version clusters therefore need the writer to keep
 * writing the old version until every manager reads the new one (not built yet).
 *
 * <p><b>Errors.</b> Messages are Docker's words (see {@code shared/docker-api.md} §1.4 and
 * swarmkit's controlapi): 404 "node X not found", 400 "node X is ambiguous (N matches found)",
 * 400 "attempting to demote the last manager of the swarm", 400 "node X is not down and can't be
 * removed", 409 "update out of sequence", 503 "This node is not a swarm manager. ...", 409
 * "network with name X already exists", 409 "name conflicts with an existing object: service X
 * already exists", 400 "port 'N' is already in use by service 'NAME' (ID) as an ingress port",
 * 400 "EndpointSpec: port published with ingress mode can't be used with dnsrr mode", 400
 * "service X does not have a previous spec", 400 "could not allocate a VIP on network NAME
 * (SUBNET): no addresses left".
 */
package dev.swarmnet.controlplane.state;
