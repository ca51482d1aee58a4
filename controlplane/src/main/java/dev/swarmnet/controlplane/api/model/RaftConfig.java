package dev.swarmnet.controlplane.api.model;

/** Raft settings of the swarm spec; ticks are counts, not durations. */
public record RaftConfig(
        Long snapshotInterval,
        Long keepOldSnapshots,
        Long logEntriesForSlowFollowers,
        int electionTick,
        int heartbeatTick) {
}
