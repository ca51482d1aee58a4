/**
 * The cluster store: {@link dev.swarmnet.controlplane.state.ClusterState} replicated by
 * {@link dev.swarmnet.controlplane.raft.RaftStore}.
 *
 * <p>Design note. {@link dev.swarmnet.controlplane.store.ClusterStateMachine} is the adapter
 * the Raft shell drives: it decodes each committed command, applies it with the log's index and
 * the leader's timestamp (never the local clock, never the timestamp inside the command bytes),
 * and answers with an {@link dev.swarmnet.controlplane.store.Outcome} encoded as JSON: the HTTP
 * status and Docker-worded message the API will return, and the index the change was applied
 * at. Reads are linearizable queries that return the whole state snapshot; the state is small
 * (nodes, networks, services, tasks), and a reader then works on an immutable value.
 * {@link dev.swarmnet.controlplane.store.ClusterStore} is the facade the daemon uses: submit a
 * command, read the state.
 */
package dev.swarmnet.controlplane.store;
