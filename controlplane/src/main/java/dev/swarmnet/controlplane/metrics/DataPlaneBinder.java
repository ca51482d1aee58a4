package dev.swarmnet.controlplane.metrics;

import dev.swarmnet.dataplane.io.DataPlane;
import dev.swarmnet.dataplane.stats.ConntrackSample;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The data plane's loop counters ({@link CounterSeries}: frames, drops by reason, answers, VIP
 * NAT, TAP and underlay I/O, DNS queries by result) and its connection table (size, capacity,
 * insertions, refusals, evictions). One loop snapshot per scrape, taken on the data-plane loop.
 */
final class DataPlaneBinder implements ScrapeBinder {
    private final Map<String, MeterFamily> counters = new LinkedHashMap<>();
    private final MeterFamily flows;
    private final MeterFamily capacity;
    private final MeterFamily inserted;
    private final MeterFamily refused;
    private final MeterFamily evicted;

    DataPlaneBinder(MeterRegistry registry) {
        CounterSeries.metrics().forEach((name, help) -> counters.put(name, MeterFamily.counter(registry, name, help)));
        flows = MeterFamily.gauge(registry, "swarmnet.conntrack.flows", "VIP flows the connection table holds now");
        capacity = MeterFamily.gauge(registry, "swarmnet.conntrack.capacity", "most VIP flows tracked at once");
        inserted = MeterFamily.counter(registry, "swarmnet.conntrack.inserted", "VIP flows created");
        refused = MeterFamily.counter(registry, "swarmnet.conntrack.insert.failures",
                "new VIP flows refused: table full or reply key already held");
        evicted = MeterFamily.counter(registry, "swarmnet.conntrack.evictions",
                "VIP flows evicted by their idle timeout");
    }

    @Override
    public void refresh(MetricsSources sources) {
        Optional<DataPlane> plane = sources.dataPlane();
        if (plane.isEmpty()) {
            counters.values().forEach(MeterFamily::clear);
            for (MeterFamily family : new MeterFamily[] {flows, capacity, inserted, refused, evicted}) {
                family.clear();
            }
            return;
        }
        Map<String, Map<Tags, Long>> grouped = CounterSeries.group(plane.get().counters());
        counters.forEach((name, family) -> family.publish(grouped.getOrDefault(name, Map.of())));
        ConntrackSample table = plane.get().conntrack();
        flows.publish(table.size());
        capacity.publish(table.capacity());
        inserted.publish(table.inserted());
        refused.publish(table.insertFailures());
        evicted.publish(table.expired());
    }
}
