package dev.swarmnet.controlplane.metrics;

import dev.swarmnet.controlplane.dispatcher.Dispatcher;
import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.raft.RaftStore;
import dev.swarmnet.controlplane.state.ClusterState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Heartbeat lag: seconds since the leader last heard from each node. Only the leader sweeps
 * and hears every node, so other managers and workers report nothing.
 */
final class HeartbeatBinder implements ScrapeBinder {
    private final MeterFamily lag;
    private final LongSupplier nanoTime;

    HeartbeatBinder(MeterRegistry registry, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        lag = MeterFamily.gauge(registry, "swarmnet.heartbeat.lag.seconds",
                "seconds since the leader last heard a heartbeat from a node (or began watching it)");
    }

    @Override
    public void refresh(MetricsSources sources) {
        Optional<Dispatcher> dispatcher = sources.dispatcher();
        boolean leading = sources.raft().map(RaftStore::isLeader).orElse(false);
        Map<Tags, Double> lags = new HashMap<>();
        if (leading && dispatcher.isPresent()) {
            long now = nanoTime.getAsLong();
            ClusterState state = sources.clusterState().orElse(ClusterState.EMPTY);
            dispatcher.get().lastHeard().forEach((node, seen) -> {
                String name = state.node(node).map(Node::displayName).orElse("");
                lags.put(Tags.of("node", node, "hostname", name), Math.max(0, now - seen) / 1e9);
            });
        }
        lag.publish(lags);
    }
}
