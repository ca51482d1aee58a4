package dev.swarmnet.controlplane.metrics;

import dev.swarmnet.controlplane.raft.RaftStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/** This manager's Raft member: leader or not, term, commit and applied index, group size. */
final class RaftBinder implements ScrapeBinder {
    private final MeterFamily leader;
    private final MeterFamily term;
    private final MeterFamily commitIndex;
    private final MeterFamily appliedIndex;
    private final MeterFamily peers;

    RaftBinder(MeterRegistry registry) {
        leader = MeterFamily.gauge(registry, "swarmnet.raft.leader", "1 when this manager leads the Raft group, else 0");
        term = MeterFamily.gauge(registry, "swarmnet.raft.term", "the Raft term this manager is in");
        commitIndex = MeterFamily.gauge(registry, "swarmnet.raft.commit.index",
                "the highest Raft log index this manager knows to be committed");
        appliedIndex = MeterFamily.gauge(registry, "swarmnet.raft.applied.index",
                "the highest Raft log index applied to the cluster state here");
        peers = MeterFamily.gauge(registry, "swarmnet.raft.peers", "managers in the Raft configuration");
    }

    @Override
    public void refresh(MetricsSources sources) {
        Optional<RaftStore> raft = sources.raft();
        if (raft.isEmpty()) {
            for (MeterFamily family : new MeterFamily[] {leader, term, commitIndex, appliedIndex, peers}) {
                family.clear();
            }
            return;
        }
        RaftStore store = raft.get();
        leader.publish(store.isLeader() ? 1 : 0);
        term.publish(store.term());
        commitIndex.publish(store.commitIndex());
        appliedIndex.publish(store.appliedIndex());
        peers.publish(store.peers().size());
    }
}
