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
 * <p>Joining goes through {@link dev.swarmnet.controlplane.daemon.Joiner}, implemented by the
 * cluster-port code; builds without it refuse joins with a clear 503. The advertise address is
 * chosen by {@link dev.swarmnet.controlplane.daemon.AdvertiseAddress}, a pure function of the
 * host's interfaces, read with the JDK in the daemon's own network namespace.
 */
package dev.swarmnet.controlplane.daemon;
