/**
 * The dispatcher: node liveness from agent heartbeats, on the Raft leader.
 *
 * <p>Design note. Like swarmkit's {@code manager/dispatcher}, it is a reconciler that only reads
 * the store and writes verdicts back: agents heartbeat every period (5 s by default,
 * {@link dev.swarmnet.controlplane.dispatcher.DispatcherConfig}); a node silent for longer than
 * the grace period (3 periods) is marked {@code down} with the message {@code "heartbeat
 * failure"}, and a heartbeat from a node the store shows {@code down}, {@code unknown} or
 * {@code disconnected} marks it {@code ready}. Both verdicts are
 * {@link dev.swarmnet.controlplane.state.Command.MarkNodeState} commands; what the orchestrator
 * does with a down node is its business, not this package's.
 *
 * <p>{@link dev.swarmnet.controlplane.dispatcher.Dispatcher} is pure logic: time comes in as
 * {@code nowNanos} from a monotonic clock, and the store is two small doors (the current
 * state and a {@link dev.swarmnet.controlplane.dispatcher.CommandSink}), so tests drive it with a
 * fake clock and an in-memory state. Last-seen times live only in the leader's memory: a new
 * leader {@linkplain dev.swarmnet.controlplane.dispatcher.Dispatcher#reset resets} them, giving
 * every node a fresh grace period, as swarmkit does after an election.
 * {@link dev.swarmnet.controlplane.dispatcher.DispatcherLoop} is the one scheduler at the edge.
 */
package dev.swarmnet.controlplane.dispatcher;
