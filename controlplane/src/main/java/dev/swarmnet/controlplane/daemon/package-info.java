/**
 * The node daemon: {@code swarmnet daemon}'s life cycle and the {@link
 * dev.swarmnet.controlplane.api.SwarmBackend} that answers the Docker API from this node's
 * membership and the replicated cluster state.
 *
 * <p>Design note. {@link dev.swarmnet.controlplane.daemon.Daemon} resumes a
 * {@link dev.swarmnet.controlplane.daemon.NodeBackend} from the data directory and puts the API
 * server in front of it. The backend holds two volatile fields: the {@code Membership} (what
 * this node remembers: cluster, node id, role, addresses; {@code node.json}) and, on managers,
 * the {@code Manager} (Raft member, {@code ClusterStore}, signing CA). {@code status()} answers
 * from them without blocking; reads go through {@code ClusterStore.read()} (linearizable);
 * writes are {@code state.Command}s whose refusals ({@code store.Outcome}) become Docker-worded
 * {@code ApiException}s ({@code StoreCalls}). Membership changes (init, join, leave) are
 * serialized by one lock and written so that a crash leaves either the old or the new
 * membership: the membership file is written last on init/join and removed first on leave.
 *
 * <p>Secrets on disk ({@code DataDir}): the node key, node certificate and CA certificate in
 * {@code certificates/} with Docker's names, 0600 in 0700 directories; managers also keep the CA
 * private key there ({@code swarm-root-ca.key}). The CA key is deliberately not in the Raft state
 * (the state and model packages keep private keys out of snapshots); it reaches a new manager
 * over the mutual-TLS cluster port when it joins, so every manager can sign after a failover.
 *
 * <p>The cluster port ({@code NodeServices}). While in a swarm, a manager serves
 * {@code ClusterPortServer} on its listen address, answering from its {@code Manager} (tokens
 * and nodes from the local state, its CA, the store, the dispatcher, the leader's address); every
 * manager runs a {@code Dispatcher} whose loop sweeps only while it leads, with the period of
 * {@code Spec.Dispatcher.HeartbeatPeriod} (grace 3 periods). Every node, managers included,
 * heartbeats over mutual TLS: a manager starts at its own address and is redirected to the
 * leader; each ack names the managers (leader first), which a worker keeps in {@code node.json}
 * so it finds a manager that joined after it. The leader also keeps each manager's reachability
 * in step with its heartbeats.
 *
 * <p>Joining goes through {@link dev.swarmnet.controlplane.daemon.Joiner};
 * {@link dev.swarmnet.controlplane.daemon.ClusterJoiner} does it over the cluster port:
 * {@code join} over bootstrap TLS pinned by the token (certificate back), then, for a manager,
 * {@code ca-key} over mutual TLS with its new manager certificate (the leader answers only
 * callers whose certificate and store entry both say manager), Raft started with
 * {@code RaftStore.join}, and {@code raft-add-me}. A refused or rotated token is a 400 with the
 * trust package's message; the node stays out of the swarm and keeps serving.
 *
 * <p>Promotion and demotion ({@code node promote}/{@code demote}, {@code node update --role})
 * change the role in the state; the node acts on it. Each heartbeat ack names the node's role in
 * the leader's state; when it differs from the membership, the backend changes role on its own
 * {@code role-change} thread, one change at a time, retried at a later ack if it fails. A
 * promoted worker sends {@code certificate-request} (a CSR for a new key, mutual TLS; the leader
 * issues the role its state has, never one asked for), fetches {@code ca-key} with the manager
 * certificate, starts Raft with {@code RaftStore.join} from an empty Raft directory, asks
 * {@code raft-add-me}, writes {@code node.json} and starts the cluster-port server and dispatcher,
 * as a manager join does ({@code Joiner.renew} then the join's steps). On a demotion the leader's
 * reporter removes the peer from the Raft group ({@code removePeer}, the leader itself too, which
 * then steps down; the state refuses demoting the last manager); the demoted node takes a worker
 * certificate, waits (up to 30 s) until its Raft member sees itself out of the group, so the group
 * keeps its quorum, then stops its Manager and services, deletes the CA key and Raft state, and
 * heartbeats as a worker to the remaining managers. The advertise address is
 * chosen by {@link dev.swarmnet.controlplane.daemon.AdvertiseAddress}, a pure function of the
 * host's interfaces, read with the JDK in the daemon's own network namespace.
 *
 * <p>Services and tasks. Networks, services and tasks on the API are {@code ClusterObjects}:
 * references resolved against a linearizable read, changes as {@code state.Command}s; allocation
 * happens inside {@code ClusterState.apply}, so it is replicated with the state and survives a
 * change of leader. The leading manager runs the orchestrator and scheduler
 * ({@code orchestrator.Reconciler}, a fresh one per term, started and stopped by the
 * {@code Manager}'s reporter as leadership comes and goes). Every node, managers included, runs a
 * {@code NodeAgent} once it is in a swarm: its data plane (VXLAN on the advertise IP and port
 * 4789), the task runtime ({@code runtime.TaskSupervisor} over {@code runtime.TaskRuntime}), the
 * assignment stream from a manager ({@code cluster.AssignmentWatcher}: the node's tasks and the
 * networks, endpoints and VIPs it needs, as changes) and task-status reports to the leader. Each
 * assignment becomes the supervisor's desired set and, with the ports the supervisor attached, a
 * new data-plane program ({@code agent.ProgramPlanner}), and drives the node's routing mesh:
 * a TAP with the node's ingress address in the daemon's namespace, attached as a local port
 * ({@code ingress.IngressEndpoint}), and the published ports' proxy
 * ({@code ingress.MeshController}). The agent keeps the last program with the assignment it was
 * planned from, so it can say what its data plane holds ({@code inspect.DataPlaneViews}, flows
 * counted on the data plane's loop); the node serves that on its cluster port
 * ({@code data-plane-view}) and a manager gathers every node's for {@code network inspect
 * --verbose} and {@code service inspect --backends}. The agent outlives promotion and
 * demotion, so a role change never touches running tasks; {@code swarm leave} stops and removes
 * every task; a daemon that stops or dies leaves its tasks running, and the next life adopts
 * them (fresh TAPs in their namespaces) or removes those the cluster no longer wants.
 */
package dev.swarmnet.controlplane.daemon;
