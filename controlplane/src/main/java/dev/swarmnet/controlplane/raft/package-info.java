/**
 * The Raft-replicated store: the managers' one cluster state, kept consistent by Apache Ratis.
 *
 * <p>Design note. The store is a thin shell around a pure state machine, as in the Ratis
 * examples and HashiCorp raft's {@code fsm.go}.
 * {@link dev.swarmnet.controlplane.raft.ReplicatedStateMachine} is the contract: deterministic,
 * one thread at a time, no I/O, no clock, snapshots as versioned JSON. Everything Raft-specific
 * lives here and nowhere else:
 * <ul>
 *   <li>{@link dev.swarmnet.controlplane.raft.RaftStore}: one manager's Ratis server (Netty RPC,
 *       port 2378) and its client; bootstrap ({@code swarm init}), join, add/remove peers,
 *       submit a command, linearizable reads, leader/term/index for status.</li>
 *   <li>{@code RatisStateMachine}: the Ratis {@code BaseStateMachine} that applies committed
 *       entries on Ratis' apply thread and writes/restores snapshot files.</li>
 *   <li>{@code LogEntryCodec}: a log entry is a version byte, the leader's timestamp and the
 *       command; the leader stamps the time when it accepts the command, so applying stays
 *       deterministic on every member.</li>
 *   <li>{@code RatisProperties}: the Ratis settings, with the ones that carry correctness
 *       (fsync before acknowledging, linearizable reads) spelled out.</li>
 * </ul>
 *
 * <p>The group id is a name-based UUID of the cluster id and the peer id is the node id, so a
 * manager finds its group again on restart. A manager keeps everything under
 * {@code <data dir>/raft/<group uuid>/}: the log segments, the Raft metadata, and
 * {@code sm/snapshot.<term>_<index>} files with MD5 beside them; two snapshots are kept and the
 * log is purged up to the latest one. A restarted manager restores the newest snapshot and
 * replays the log after it; a member too far behind for the leader's log gets the snapshot
 * file shipped by Ratis.
 */
package dev.swarmnet.controlplane.raft;
