package dev.swarmnet.controlplane.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One metric name whose label sets come and go between scrapes (ports, services, nodes, drop
 * reasons of a data plane that may not exist): each {@link #publish} registers a meter for every
 * new label set, updates the value the meters read, and removes the meters of label sets that
 * are gone, so a source that disappears simply reports nothing.
 *
 * <p>Meters are Micrometer {@link FunctionCounter}s or {@link Gauge}s reading a holder that the
 * last publish filled: values are read from the live sources once per scrape, never pushed
 * through Micrometer as they happen. Thread: the scrape thread (callers serialize scrapes).
 */
final class MeterFamily {
    /** How the meters of a family behave. */
    enum Kind { COUNTER, GAUGE }

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Kind kind;
    private final Map<Tags, Holder> meters = new HashMap<>();

    /** The value a meter reads; written by the scrape thread before the registry reads it. */
    private static final class Holder {
        volatile double value;
        Meter meter;
    }

    MeterFamily(MeterRegistry registry, String name, String description, Kind kind) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.kind = kind;
    }

    static MeterFamily counter(MeterRegistry registry, String name, String description) {
        return new MeterFamily(registry, name, description, Kind.COUNTER);
    }

    static MeterFamily gauge(MeterRegistry registry, String name, String description) {
        return new MeterFamily(registry, name, description, Kind.GAUGE);
    }

    /** Makes the family exactly {@code values}: label set to value. */
    void publish(Map<Tags, ? extends Number> values) {
        for (Map.Entry<Tags, ? extends Number> entry : values.entrySet()) {
            Holder holder = meters.get(entry.getKey());
            if (holder == null) {
                holder = new Holder();
                holder.meter = register(entry.getKey(), holder);
                meters.put(entry.getKey(), holder);
            }
            holder.value = entry.getValue().doubleValue();
        }
        for (Iterator<Map.Entry<Tags, Holder>> it = meters.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Tags, Holder> entry = it.next();
            if (!values.containsKey(entry.getKey())) {
                registry.remove(entry.getValue().meter);
                it.remove();
            }
        }
    }

    /** Publishes one unlabelled value. */
    void publish(Number value) {
        publish(Map.of(Tags.empty(), value));
    }

    /** Removes every meter of the family (the source is gone). */
    void clear() {
        publish(Map.of());
    }

    String name() {
        return name;
    }

    private Meter register(Tags tags, Holder holder) {
        return switch (kind) {
            case COUNTER -> FunctionCounter.builder(name, holder, h -> h.value)
                    .description(description).tags(tags).register(registry);
            case GAUGE -> Gauge.builder(name, holder, h -> h.value)
                    .description(description).tags(tags).strongReference(true).register(registry);
        };
    }
}
